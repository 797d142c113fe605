package com.ecomnow.system.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration tables in the README and in docs/configuration.md name only {@code ecomnow.*} keys that exist,
 * with the defaults the code has: both are checked against the metadata spring-boot-configuration-processor
 * generates from the properties classes (run after the modules are built, as {@code ./mvnw verify} does). And
 * docs/configuration.md lists every key there is.
 */
class ConfigurationDocsTest {

    private static final List<String> MODULES = List.of("messaging", "order-api", "email-service",
            "inventory-service", "analytics-service");

    private static final Pattern ROW = Pattern.compile("^\\| (`ecomnow\\.[^|]*)\\|([^|]*)\\|", Pattern.MULTILINE);
    private static final Pattern KEY = Pattern.compile("`([a-z0-9.\\-]+)`");

    /** Every ecomnow.* key in the metadata, with its default as text (null when it has none). */
    private static Map<String, String> metadata() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String module : MODULES) {
            for (String file : List.of("target/classes/META-INF/spring-configuration-metadata.json",
                    "src/main/resources/META-INF/additional-spring-configuration-metadata.json")) {
                Path path = Path.of("..", module, file);
                if (!Files.exists(path)) {
                    // inventory and analytics have no properties of their own, hence no metadata
                    continue;
                }
                for (JsonNode property : JsonMapper.builder().build().readTree(path.toFile()).get("properties")) {
                    String name = property.get("name").asString();
                    JsonNode value = property.get("defaultValue");
                    keys.put(name, value == null ? null : value.isArray() ? String.join(",",
                            value.valueStream().map(JsonNode::asString).toList()) : value.asString());
                }
            }
        }
        assertThat(keys).as("metadata of messaging and order-api (are the modules built?)")
                .containsKeys("ecomnow.consumer.queue", "ecomnow.outbox.retention");
        return keys;
    }

    /** The table's rows: each key (".suffix" entries expanded against the first key) and its default cell. */
    private static Map<String, String> documented(String document) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("..", document)));
        while (row.find()) {
            List<String> names = new ArrayList<>();
            Matcher key = KEY.matcher(row.group(1));
            while (key.find()) {
                String name = key.group(1);
                if (name.startsWith(".")) {
                    String first = names.get(0);
                    name = first.substring(0, first.lastIndexOf('.')) + name;
                }
                names.add(name);
            }
            names.forEach(name -> keys.put(name, row.group(2)));
        }
        return keys;
    }

    private static String normalized(String text) {
        return text.replaceAll("[\\s`\\[\\]]", "").replace("0.0", "0");
    }

    @ParameterizedTest
    @ValueSource(strings = { "README.md", "docs/configuration.md" })
    void everyDocumentedKeyExistsWithTheDefaultTheCodeHas(String document) throws IOException {
        Map<String, String> metadata = metadata();
        Map<String, String> documented = documented(document);
        assertThat(documented).as("ecomnow.* keys in " + document).isNotEmpty();
        documented.forEach((key, cell) -> {
            assertThat(metadata).as(key + " in " + document + " is not a key the code has").containsKey(key);
            String defaultValue = metadata.get(key);
            if (defaultValue != null) {
                assertThat(normalized(cell)).as("default of " + key + " in " + document)
                        .contains(normalized(defaultValue));
            }
        });
    }

    @Test
    void theConfigurationReferenceListsEveryKey() throws IOException {
        assertThat(documented("docs/configuration.md").keySet()).containsAll(metadata().keySet());
    }
}
