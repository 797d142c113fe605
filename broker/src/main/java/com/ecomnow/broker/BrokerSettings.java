package com.ecomnow.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@link BrokerOptions} for {@link BrokerApplication} from {@code -D} system properties, then environment
 * variables, then defaults (a system property given on the command line wins over the environment).
 *
 * @param options         the effective options
 * @param defaultPassword whether the password is the built-in default (so it can be reported without showing it)
 */
public record BrokerSettings(BrokerOptions options, boolean defaultPassword) {

    enum Setting {
        PORT("ECOMNOW_BROKER_PORT", "ecomnow.broker.port"),
        BIND("ECOMNOW_BROKER_BIND", "ecomnow.broker.bind"),
        USER("ECOMNOW_BROKER_USER", "ecomnow.broker.user"),
        PASSWORD("ECOMNOW_BROKER_PASSWORD", "ecomnow.broker.password"),
        STORE("ECOMNOW_BROKER_STORE", "ecomnow.broker.store"),
        DATA_DIR("ECOMNOW_DATA_DIR", "ecomnow.data.dir"),
        MANAGEMENT_PORT("ECOMNOW_BROKER_MANAGEMENT_PORT", "ecomnow.broker.management.port"),
        MANAGEMENT_USER("ECOMNOW_BROKER_MANAGEMENT_USER", "ecomnow.broker.management.user"),
        MANAGEMENT_PASSWORD("ECOMNOW_BROKER_MANAGEMENT_PASSWORD", "ecomnow.broker.management.password");

        final String environmentVariable;
        final String systemProperty;

        Setting(String environmentVariable, String systemProperty) {
            this.environmentVariable = environmentVariable;
            this.systemProperty = systemProperty;
        }
    }

    public static BrokerSettings from(Map<String, String> environment, Properties systemProperties) {
        Lookup lookup = new Lookup(environment, systemProperties);
        BrokerOptions defaults = BrokerOptions.defaults();
        String password = lookup.get(Setting.PASSWORD);
        ManagementOptions defaultManagement = defaults.management();
        ManagementOptions management = new ManagementOptions(
                parseManagementPort(lookup.getOrDefault(Setting.MANAGEMENT_PORT,
                        String.valueOf(defaultManagement.port()))),
                lookup.getOrDefault(Setting.MANAGEMENT_USER, defaultManagement.username()),
                // Not trimmed, like the AMQP password; null (not given) keeps management off.
                lookup.get(Setting.MANAGEMENT_PASSWORD));
        BrokerOptions options = new BrokerOptions(
                parsePort(lookup.getOrDefault(Setting.PORT, String.valueOf(defaults.port()))),
                lookup.getOrDefault(Setting.BIND, defaults.bindAddress()),
                lookup.getOrDefault(Setting.USER, defaults.username()),
                password == null ? defaults.password() : password,
                BrokerStore.parse(lookup.getOrDefault(Setting.STORE, defaults.store().name())),
                Path.of(lookup.getOrDefault(Setting.DATA_DIR, defaults.dataDir().toString())),
                management);
        return new BrokerSettings(options, password == null);
    }

    /** Effective settings for the start-up banner; never includes the password. */
    public String describe() {
        StringBuilder text = new StringBuilder("EcomNow broker settings:\n")
                .append("  port:      ").append(options.port()).append('\n')
                .append("  bind:      ").append(options.bindAddress()).append('\n')
                .append("  user:      ").append(options.username()).append('\n')
                .append("  password:  ").append(defaultPassword ? "(default guest)" : "(set)").append('\n')
                .append("  store:     ").append(options.store().name().toLowerCase()).append('\n');
        if (options.store() == BrokerStore.DERBY) {
            text.append("  data dir:  ").append(options.brokerDir().toAbsolutePath()).append('\n');
        }
        text.append("  management: ").append(describeManagement()).append('\n');
        return text.toString();
    }

    private String describeManagement() {
        ManagementOptions management = options.management();
        if (management.port() == ManagementOptions.OFF) {
            return "off (" + Setting.MANAGEMENT_PORT.environmentVariable + "=off)";
        }
        String url = "http://" + EmbeddedBroker.connectHost(options.bindAddress()) + ":"
                + (management.port() == 0 ? "<random port>" : String.valueOf(management.port())) + "/";
        if (!management.enabled()) {
            return "off; set " + Setting.MANAGEMENT_PASSWORD.environmentVariable + " (or -D"
                    + Setting.MANAGEMENT_PASSWORD.systemProperty + ") to start the web UI and REST API on " + url;
        }
        return url + " (user " + management.username() + ", password set)";
    }

    private static int parseManagementPort(String value) {
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase("off")) {
            return ManagementOptions.OFF;
        }
        try {
            return Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Management port must be a number or 'off', was '" + value + "'", e);
        }
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Broker port must be a number, was '" + value + "'", e);
        }
    }

    private record Lookup(Map<String, String> environment, Properties systemProperties) {
        String get(Setting setting) {
            String value = systemProperties.getProperty(setting.systemProperty);
            if (isBlank(value)) {
                value = environment.get(setting.environmentVariable);
            }
            return isBlank(value) ? null : value;
        }

        String getOrDefault(Setting setting, String fallback) {
            String value = get(setting);
            return value == null ? fallback : value.trim();
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
