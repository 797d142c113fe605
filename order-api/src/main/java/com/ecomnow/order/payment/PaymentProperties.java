package com.ecomnow.order.payment;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecomnow.payment.*}: the simulated payment provider.
 *
 * @param declinedTokens payment tokens that are always declined ({@code tok_declined} by default)
 * @param latency how long a charge takes, to show what a slow dependency does to the response time
 */
@ConfigurationProperties("ecomnow.payment")
public record PaymentProperties(@DefaultValue("tok_declined") Set<String> declinedTokens,
        @DefaultValue("0ms") Duration latency) {
}
