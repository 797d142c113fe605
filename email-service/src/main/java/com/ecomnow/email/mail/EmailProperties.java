package com.ecomnow.email.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecomnow.email.*}.
 *
 * @param from the sender address
 * @param simulation faults to show in the workshop what a slow or flaky mail provider does (off by default)
 */
@ConfigurationProperties("ecomnow.email")
public record EmailProperties(@DefaultValue("orders@ecomnow.example") String from,
        @DefaultValue Simulation simulation) {

    /**
     * @param latency added to every send
     * @param failureRate share of sends that fail (0.0 to 1.0) with a retryable error
     */
    public record Simulation(@DefaultValue("0ms") Duration latency, @DefaultValue("0.0") double failureRate) {
    }
}
