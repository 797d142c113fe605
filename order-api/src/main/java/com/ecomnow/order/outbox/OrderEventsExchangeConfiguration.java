package com.ecomnow.order.outbox;

import org.springframework.amqp.core.FanoutExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.ecomnow.messaging.topology.OrderEventsTopology;
import com.ecomnow.messaging.topology.TopologyNames;

/**
 * order-api declares the exchange it publishes to, and nothing else: which queues receive order events is each
 * consumer's own business.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventsExchangeConfiguration {

    @Bean
    FanoutExchange orderEventsExchange(TopologyNames names) {
        return OrderEventsTopology.orderEventsExchange(names);
    }
}
