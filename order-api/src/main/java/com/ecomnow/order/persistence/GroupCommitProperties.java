package com.ecomnow.order.persistence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ecomnow.group-commit.*}.
 *
 * @param maxBatchSize the most orders one commit makes durable; 1 commits each order on its own, on the request's
 *        thread
 */
@ConfigurationProperties("ecomnow.group-commit")
public record GroupCommitProperties(@DefaultValue("50") int maxBatchSize) {
}
