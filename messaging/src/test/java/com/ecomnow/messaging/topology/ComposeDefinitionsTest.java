package com.ecomnow.messaging.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.ecomnow.messaging.consumer.ConsumerProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml's RabbitMQ creates the consumer queues from broker/rabbitmq/definitions.template.json before
 * any service starts; a service then declares them again, and RabbitMQ refuses a declaration whose arguments
 * differ. So the file must say exactly what {@link OrderEventsTopology} declares with the default settings.
 */
class ComposeDefinitionsTest {

    private static final Path DEFINITIONS = Path.of("../broker/rabbitmq/definitions.template.json");

    @ParameterizedTest
    @ValueSource(strings = { "email_queue", "inventory_queue", "analytics_queue" })
    void theComposeDefinitionsDeclareWhatTheConsumerDeclares(String queue) {
        JsonNode definitions = JsonMapper.builder().build().readTree(DEFINITIONS.toFile());
        ConsumerProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of("ecomnow.consumer.queue",
                queue))).bindOrCreate("ecomnow.consumer", ConsumerProperties.class);
        TopologyNames names = new TopologyNames("");
        List<Queue> declared = OrderEventsTopology.forQueue(names, queue, defaults.retry().delays(),
                defaults.deliveryLimit()).getDeclarablesByType(Queue.class);

        for (String name : List.of(queue, TopologyNames.deadLetterQueue(queue))) {
            Queue expected = declared.stream().filter(q -> q.getName().equals(name)).findFirst().orElseThrow();
            JsonNode inFile = null;
            for (JsonNode candidate : definitions.get("queues")) {
                if (candidate.get("name").asString().equals(name)) {
                    inFile = candidate;
                }
            }
            assertThat(inFile).as(name + " in " + DEFINITIONS).isNotNull();
            assertThat(inFile.get("durable").asBoolean()).isEqualTo(expected.isDurable());
            assertThat(JsonMapper.builder().build().convertValue(inFile.get("arguments"), Map.class))
                    .as("arguments of " + name).isEqualTo(new HashMap<>(expected.getArguments()));
        }
    }
}
