package com.ecomnow.messaging.autoconfigure;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.ecomnow.messaging.storage.H2CompactionProperties;
import com.ecomnow.messaging.storage.H2FileCompaction;

/** Every service that runs on an embedded H2 file (the default without PostgreSQL) keeps that file bounded. */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = "org.h2.mvstore.MVStore")
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "ecomnow.h2.compaction.enabled", matchIfMissing = true)
@EnableConfigurationProperties(H2CompactionProperties.class)
@EnableScheduling
public class H2CompactionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    H2FileCompaction h2FileCompaction(DataSource dataSource, H2CompactionProperties properties) {
        return new H2FileCompaction(dataSource, properties.interval(), properties.writeLimit());
    }
}
