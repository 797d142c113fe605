package com.ecomnow.order.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecomnow.idempotency.*}.
 *
 * @param retention how long an {@code Idempotency-Key} returns the order it created; after that the key is free
 *        again and is deleted
 * @param cleanupInterval how often expired keys are deleted (in batches)
 */
@ConfigurationProperties("ecomnow.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration retention,
        @DefaultValue("10m") Duration cleanupInterval) {
}
