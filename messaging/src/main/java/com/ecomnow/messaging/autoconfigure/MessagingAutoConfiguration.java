package com.ecomnow.messaging.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.messaging.topology.MessagingProperties;
import com.ecomnow.messaging.topology.TopologyNames;

import tools.jackson.databind.json.JsonMapper;

/** What producer and consumers share: the topology names and the wire format of events. */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TopologyNames topologyNames(MessagingProperties properties) {
        return properties.names();
    }

    @Bean
    @ConditionalOnMissingBean
    OrderEventMessages orderEventMessages(JsonMapper jsonMapper) {
        return new OrderEventMessages(jsonMapper);
    }
}
