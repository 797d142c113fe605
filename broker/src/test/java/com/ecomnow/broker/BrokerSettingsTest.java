package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    @Test
    void defaultsMatchALocalRabbitMq() {
        BrokerSettings settings = BrokerSettings.from(Map.of(), new Properties());

        assertThat(settings.options()).isEqualTo(BrokerOptions.defaults());
        assertThat(settings.options().port()).isEqualTo(5672);
        assertThat(settings.options().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.options().store()).isEqualTo(BrokerStore.DERBY);
        assertThat(settings.options().brokerDir()).isEqualTo(Path.of("data", "broker"));
        assertThat(settings.describe()).contains("password:  (default guest)");
    }

    @Test
    void environmentVariablesOverrideDefaults() {
        BrokerSettings settings = BrokerSettings.from(Map.of(
                "ECOMNOW_BROKER_PORT", "5699",
                "ECOMNOW_BROKER_BIND", "0.0.0.0",
                "ECOMNOW_BROKER_USER", "ecomnow",
                "ECOMNOW_BROKER_PASSWORD", "s3cret",
                "ECOMNOW_BROKER_STORE", "memory",
                "ECOMNOW_DATA_DIR", "/var/lib/ecomnow"), new Properties());

        assertThat(settings.options()).isEqualTo(new BrokerOptions(5699, "0.0.0.0", "ecomnow", "s3cret",
                BrokerStore.MEMORY, Path.of("/var/lib/ecomnow")));
    }

    @Test
    void systemPropertiesWinOverEnvironmentVariables() {
        Properties properties = new Properties();
        properties.setProperty("ecomnow.broker.port", "5700");
        properties.setProperty("ecomnow.broker.store", "DERBY");
        properties.setProperty("ecomnow.data.dir", "target/data");

        BrokerSettings settings = BrokerSettings.from(
                Map.of("ECOMNOW_BROKER_PORT", "5699", "ECOMNOW_BROKER_STORE", "memory"), properties);

        assertThat(settings.options().port()).isEqualTo(5700);
        assertThat(settings.options().store()).isEqualTo(BrokerStore.DERBY);
        assertThat(settings.options().brokerDir()).isEqualTo(Path.of("target", "data", "broker"));
    }

    @Test
    void describeNeverShowsThePassword() {
        BrokerSettings settings = BrokerSettings.from(Map.of("ECOMNOW_BROKER_PASSWORD", "s3cret"), new Properties());

        assertThat(settings.describe()).contains("password:  (set)").doesNotContain("s3cret");
        assertThat(settings.options().toString()).doesNotContain("s3cret");
    }

    @Test
    void invalidValuesAreReported() {
        assertThatThrownBy(() -> BrokerSettings.from(Map.of("ECOMNOW_BROKER_PORT", "amqp"), new Properties()))
                .hasMessageContaining("amqp");
        assertThatThrownBy(() -> BrokerSettings.from(Map.of("ECOMNOW_BROKER_STORE", "redis"), new Properties()))
                .hasMessageContaining("redis");
    }
}
