package com.ecomnow.messaging.topology;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecomnow.messaging.*}: settings shared by the producer and the consumers.
 *
 * @param namespace prefix for every exchange and queue name; empty by default (see {@link TopologyNames})
 * @param publishTimeout how long a publish (outbox relay, retry, dead-lettering, replay) waits for the broker's
 *        confirm before it counts as failed
 */
@ConfigurationProperties("ecomnow.messaging")
public record MessagingProperties(String namespace, @DefaultValue("5s") Duration publishTimeout) {

    public TopologyNames names() {
        return new TopologyNames(namespace);
    }
}
