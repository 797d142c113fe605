package com.ecomnow.order.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecomnow.catalog.*}.
 *
 * @param currency the one currency the catalog is priced in (ISO 4217)
 * @param refreshInterval how often the catalog held in memory is reloaded: a price changed in the database is
 *        charged from the next reload
 */
@ConfigurationProperties("ecomnow.catalog")
public record CatalogProperties(@DefaultValue("EUR") String currency,
        @DefaultValue("30s") Duration refreshInterval) {
}
