package com.ecomnow.messaging.topology;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ecomnow.messaging.*}: settings shared by the producer and the consumers.
 *
 * @param namespace prefix for every exchange and queue name; empty by default (see {@link TopologyNames})
 */
@ConfigurationProperties("ecomnow.messaging")
public record MessagingProperties(String namespace) {

    public TopologyNames names() {
        return new TopologyNames(namespace);
    }
}
