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
 * @param rememberedKeys how many idempotency keys the simulation remembers (the most recent ones)
 * @param keyRetention how long the simulation remembers a key, as real providers do (24 h, the same as
 *        {@code ecomnow.idempotency.retention}: a key reused after that is a new order and a new charge)
 */
@ConfigurationProperties("ecomnow.payment")
public record PaymentProperties(@DefaultValue("tok_declined") Set<String> declinedTokens,
        @DefaultValue("0ms") Duration latency, @DefaultValue("100000") int rememberedKeys,
        @DefaultValue("24h") Duration keyRetention) {
}
