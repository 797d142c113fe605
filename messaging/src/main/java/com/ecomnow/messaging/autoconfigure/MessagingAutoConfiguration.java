package com.ecomnow.messaging.autoconfigure;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.messaging.publish.ConfirmedPublisher;
import com.ecomnow.messaging.topology.MessagingProperties;
import com.ecomnow.messaging.topology.TopologyNames;

import tools.jackson.databind.json.JsonMapper;

/** What producer and consumers share: the topology names, the wire format of events and the confirmed publish. */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration" })
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

    @Bean
    @ConditionalOnBean(RabbitTemplate.class)
    @ConditionalOnMissingBean
    ConfirmedPublisher confirmedPublisher(RabbitTemplate rabbitTemplate, MessagingProperties properties) {
        return new ConfirmedPublisher(rabbitTemplate, properties.publishTimeout());
    }

    /** Returns are read from each publish's CorrelationData; this only keeps the template from warning. */
    @Bean
    RabbitTemplateCustomizer returnsAreHandledPerPublish() {
        return template -> template.setReturnsCallback(returned -> {
        });
    }
}
