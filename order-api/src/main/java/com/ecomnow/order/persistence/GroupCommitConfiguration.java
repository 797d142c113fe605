package com.ecomnow.order.persistence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class GroupCommitConfiguration {

    @Bean
    GroupCommit groupCommit(TransactionTemplate transaction, GroupCommitProperties properties,
            MeterRegistry registry) {
        return new GroupCommit(transaction, properties.maxBatchSize(), registry);
    }
}
