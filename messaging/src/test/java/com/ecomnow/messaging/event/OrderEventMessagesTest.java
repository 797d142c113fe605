package com.ecomnow.messaging.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

import tools.jackson.databind.json.JsonMapper;

class OrderEventMessagesTest {

    private final OrderEventMessages messages = new OrderEventMessages(JsonMapper.builder().build());

    @Test
    void writesTheContractPropertiesAndNoJavaTypeHeader() {
        OrderCreated event = OrderEvents.orderCreated();

        Message message = messages.toMessage(event, "corr-1");

        MessageProperties properties = message.getMessageProperties();
        assertThat(properties.getMessageId()).isEqualTo(event.eventId().toString());
        assertThat(properties.getType()).isEqualTo("order.created");
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getTimestamp()).isEqualTo(Date.from(event.occurredAt()));
        assertThat(properties.<String>getHeader(EventHeaders.CORRELATION_ID)).isEqualTo("corr-1");
        assertThat(properties.getHeaders()).doesNotContainKey("__TypeId__");
        String json = new String(message.getBody(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"eventId\":\"" + event.eventId() + "\"")
                .contains("\"occurredAt\":\"" + event.occurredAt() + "\"")
                .contains("\"customerEmail\":\"jane@example.com\"");
    }

    @Test
    void readsWhatItWrites() {
        OrderCreated event = OrderEvents.orderCreated();

        assertThat(messages.read(messages.toMessage(event, null))).isEqualTo(event);
    }

    @Test
    void toleratesUnknownFieldsAndAMissingType() {
        OrderCreated event = OrderEvents.orderCreated();
        String json = new String(messages.toMessage(event, null).getBody(), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedInVersion2\":{\"x\":1},");

        OrderCreated read = messages.read(json(json, null));

        assertThat(read).isEqualTo(event);
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json at all", "[1,2,3]", "{\"eventId\":42}", "{}",
            "{\"orderId\":\"6b0d3c36-8f3a-4f0e-9a39-0c4f6b1c2d3e\",\"items\":[]}" })
    void refusesBodiesThatCanNeverBeProcessed(String body) {
        assertThatThrownBy(() -> messages.read(json(body, "order.created")))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void refusesAMissingEventIdByName() {
        String json = new String(messages.toMessage(OrderEvents.orderCreated(), null).getBody(),
                StandardCharsets.UTF_8).replaceFirst("\"eventId\":\"[^\"]+\",", "");

        assertThatThrownBy(() -> messages.read(json(json, "order.created")))
                .isInstanceOf(InvalidEventException.class).hasMessage("eventId is missing");
    }

    @Test
    void refusesAnUnknownEventType() {
        Message message = messages.toMessage(OrderEvents.orderCreated(), null);
        message.getMessageProperties().setType("order.cancelled");

        assertThatThrownBy(() -> messages.read(message)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unknown event type 'order.cancelled'");
    }

    @Test
    void refusesANonJsonContentType() {
        Message message = messages.toMessage(OrderEvents.orderCreated(), null);
        message.getMessageProperties().setContentType("text/plain");

        assertThatThrownBy(() -> messages.read(message)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("text/plain");
    }

    @Test
    void refusesANonPositiveQuantity() {
        OrderCreated event = OrderEvents.orderCreated(
                new OrderLineItem("BOOK-001", "A book", 0, java.math.BigDecimal.ONE));

        assertThatThrownBy(() -> messages.read(messages.toMessage(event, null)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("quantity 0");
    }

    static Message json(String body, String type) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setType(type);
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }
}
