package com.ecomnow.messaging.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.ecomnow.messaging.storage.H2FileCompaction;

/** The compaction is there wherever a service has a DataSource, unless switched off. */
class H2CompactionAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(H2CompactionAutoConfiguration.class));

    @Test
    void aServiceWithADataSourceCompactsItsH2File() {
        contexts.withBean(DataSource.class, JdbcDataSource::new)
                .run(context -> assertThat(context).hasSingleBean(H2FileCompaction.class));
    }

    @Test
    void itCanBeSwitchedOff() {
        contexts.withBean(DataSource.class, JdbcDataSource::new)
                .withPropertyValues("ecomnow.h2.compaction.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(H2FileCompaction.class));
    }

    @Test
    void withoutADataSourceThereIsNothingToCompact() {
        contexts.run(context -> assertThat(context).doesNotHaveBean(H2FileCompaction.class));
    }
}
