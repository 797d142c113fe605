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
        assertThat(settings.options().management()).isEqualTo(new ManagementOptions(15672, "admin", null));
        assertThat(settings.options().management().enabled()).isFalse();
        assertThat(settings.describe()).contains("management: off; set ECOMNOW_BROKER_MANAGEMENT_PASSWORD (or "
                + "-Decomnow.broker.management.password) to start the web UI and REST API on http://127.0.0.1:15672/");
    }

    @Test
    void managementStartsOnceItHasAPassword() {
        BrokerSettings settings = BrokerSettings.from(Map.of(
                "ECOMNOW_BROKER_BIND", "0.0.0.0",
                "ECOMNOW_BROKER_MANAGEMENT_PORT", "15699",
                "ECOMNOW_BROKER_MANAGEMENT_USER", "ops",
                "ECOMNOW_BROKER_MANAGEMENT_PASSWORD", "m4nage"), new Properties());

        assertThat(settings.options().management()).isEqualTo(new ManagementOptions(15699, "ops", "m4nage"));
        assertThat(settings.options().management().enabled()).isTrue();
        assertThat(settings.describe())
                .contains("management: http://127.0.0.1:15699/ (user ops, password set)")
                .doesNotContain("m4nage");
        assertThat(settings.options().toString()).doesNotContain("m4nage");
    }

    @Test
    void anEmptyManagementPasswordKeepsManagementOff() {
        // What a launcher script passes on when the variable it forwards is unset.
        BrokerSettings settings = BrokerSettings.from(Map.of("ECOMNOW_BROKER_MANAGEMENT_PASSWORD", ""),
                new Properties());

        assertThat(settings.options().management().password()).isNull();
        assertThat(settings.options().management().enabled()).isFalse();
    }

    @Test
    void managementSystemPropertiesWinAndPortCanBeRandomOrOff() {
        Properties properties = new Properties();
        properties.setProperty("ecomnow.broker.management.port", "0");
        properties.setProperty("ecomnow.broker.management.password", "from-property");
        Map<String, String> environment = Map.of(
                "ECOMNOW_BROKER_MANAGEMENT_PORT", "15699",
                "ECOMNOW_BROKER_MANAGEMENT_PASSWORD", "from-env");

        BrokerSettings random = BrokerSettings.from(environment, properties);
        assertThat(random.options().management()).isEqualTo(new ManagementOptions(0, "admin", "from-property"));
        assertThat(random.describe()).contains("management: http://127.0.0.1:<random port>/ (user admin");

        for (String off : new String[] {"off", "OFF", "-1"}) {
            BrokerSettings settings = BrokerSettings.from(Map.of(
                    "ECOMNOW_BROKER_MANAGEMENT_PORT", off,
                    "ECOMNOW_BROKER_MANAGEMENT_PASSWORD", "m4nage"), new Properties());
            assertThat(settings.options().management().port()).isEqualTo(ManagementOptions.OFF);
            assertThat(settings.options().management().enabled()).isFalse();
            assertThat(settings.describe()).contains("management: off (ECOMNOW_BROKER_MANAGEMENT_PORT=off)");
        }
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
        assertThatThrownBy(() -> BrokerSettings.from(Map.of("ECOMNOW_BROKER_MANAGEMENT_PORT", "http"),
                new Properties())).hasMessageContaining("http");
        assertThatThrownBy(() -> BrokerSettings.from(Map.of("ECOMNOW_BROKER_MANAGEMENT_PORT", "99999"),
                new Properties())).hasMessageContaining("99999");
    }
}
