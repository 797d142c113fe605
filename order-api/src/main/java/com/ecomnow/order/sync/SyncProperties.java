package com.ecomnow.order.sync;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecomnow.sync.*}: where the synchronous anti-pattern ({@code POST /sync/orders}) finds the services it
 * calls one after another, and how long it waits for each.
 */
@ConfigurationProperties("ecomnow.sync")
public record SyncProperties(@DefaultValue("http://localhost:8081") URI emailUrl,
        @DefaultValue("http://localhost:8082") URI inventoryUrl,
        @DefaultValue("http://localhost:8083") URI analyticsUrl, @DefaultValue("30s") Duration timeout) {
}
