package com.ecomnow.order.placement;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecomnow.placement.*}.
 *
 * @param outcomeTimeout after a failed store, how long order-api keeps asking the database whether the order was
 *        stored anyway before it answers that the outcome is unknown
 */
@ConfigurationProperties("ecomnow.placement")
public record PlacementProperties(@DefaultValue("30s") Duration outcomeTimeout) {
}
