package com.ecomnow.order.messaging;

import org.springframework.amqp.core.FanoutExchange;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.ecomnow.messaging.topology.ConsumerTopology;
import com.ecomnow.messaging.topology.TopologyNames;

/**
 * order-api declares the exchange it publishes to, and nothing else: which queues receive order events is each
 * consumer's own business.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventsTopologyConfiguration {

    /** Returns are read from each publish's CorrelationData; this only keeps the template from warning. */
    @Bean
    RabbitTemplateCustomizer returnsAreHandledPerPublish() {
        return template -> template.setReturnsCallback(returned -> {
        });
    }

    @Bean
    FanoutExchange orderEventsExchange(TopologyNames names) {
        return ConsumerTopology.orderEventsExchange(names);
    }
}
