package com.ecomnow.order.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code ecomnow.catalog.currency}: the one currency the catalog is priced in (ISO 4217, default EUR). */
@ConfigurationProperties("ecomnow.catalog")
public record CatalogProperties(@DefaultValue("EUR") String currency) {
}
