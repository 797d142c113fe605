package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Qpid dead-letters through the queue's alternateBinding, and only with maximumDeliveryAttempts = 1. */
class DeadLetteringTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Connection connection;
    private Channel channel;
    private String work;
    private String dlx;
    private String dlq;

    @BeforeEach
    void declareDeadLetterExchange() throws Exception {
        connection = Clients.factory(EmbeddedBrokers.sharedForTests()).newConnection();
        channel = connection.createChannel();
        String prefix = "dead-lettering-" + NEXT.incrementAndGet();
        work = prefix + ".queue";
        dlx = prefix + ".dlx";
        dlq = prefix + ".dlq";
        channel.exchangeDeclare(dlx, "fanout", true);
        channel.queueDeclare(dlq, true, false, false, null);
        channel.queueBind(dlq, dlx, "");
    }

    @AfterEach
    void closeConnection() throws Exception {
        connection.close();
    }

    static Stream<Arguments> alternateBindingForms() {
        return Stream.of(
                Arguments.of("alternateBinding as nested table", (AlternateBindingForm) dlx -> Map.of(
                        "alternateBinding", Map.of("destination", dlx),
                        "maximumDeliveryAttempts", 1)),
                Arguments.of("alternateBinding as JSON string", (AlternateBindingForm) dlx -> Map.of(
                        "alternateBinding", "{\"destination\":\"" + dlx + "\"}",
                        "maximumDeliveryAttempts", 1)),
                Arguments.of("alternateExchange shortcut, attempts as string", (AlternateBindingForm) dlx -> Map.of(
                        "alternateExchange", dlx,
                        "maximumDeliveryAttempts", "1")),
                Arguments.of("QpidQueueArguments.deadLetterTo", (AlternateBindingForm) QpidQueueArguments::deadLetterTo));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alternateBindingForms")
    void rejectedMessageMovesToTheAlternateExchange(String form, AlternateBindingForm arguments) throws Exception {
        channel.queueDeclare(work, true, false, false, arguments.forDestination(dlx));
        publish(work, "order-1");

        GetResponse delivery = channel.basicGet(work, false);
        channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);

        assertThat(body(channel.basicGet(dlq, true))).isEqualTo("order-1");
        assertThat(channel.basicGet(work, true)).isNull();
    }

    @Test
    void nackedMessageMovesToTheAlternateExchange() throws Exception {
        channel.queueDeclare(work, true, false, false, QpidQueueArguments.deadLetterTo(dlx));
        publish(work, "order-2");

        GetResponse delivery = channel.basicGet(work, false);
        channel.basicNack(delivery.getEnvelope().getDeliveryTag(), false, false);

        assertThat(body(channel.basicGet(dlq, true))).isEqualTo("order-2");
    }

    @Test
    void withMoreDeliveryAttemptsARejectedMessageStaysUnacknowledged() throws Exception {
        Map<String, Object> arguments = new HashMap<>(QpidQueueArguments.deadLetterTo(dlx));
        arguments.put("maximumDeliveryAttempts", 3);
        channel.queueDeclare(work, true, false, false, arguments);
        publish(work, "order-3");

        GetResponse delivery = channel.basicGet(work, false);
        channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);

        // Neither dead-lettered nor available again: it waits, unacked, until the channel closes.
        assertThat(channel.basicGet(dlq, true)).isNull();
        assertThat(channel.basicGet(work, true)).isNull();
        channel.close();
        try (Channel other = connection.createChannel()) {
            assertThat(body(other.basicGet(work, true))).isEqualTo("order-3");
        }
    }

    @Test
    void withoutDeliveryAttemptsARejectedMessageIsRequeuedNotDropped() throws Exception {
        channel.queueDeclare(work, true, false, false,
                Map.of("alternateBinding", QpidQueueArguments.alternateBinding(dlx)));
        publish(work, "order-4");

        GetResponse delivery = channel.basicGet(work, false);
        channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);

        assertThat(channel.basicGet(dlq, true)).isNull();
        assertThat(body(channel.basicGet(work, true))).isEqualTo("order-4");
    }

    @Test
    void nackOfMultipleMessagesDeadLettersOnlyTheOneWithTheGivenTag() throws Exception {
        channel.queueDeclare(work, true, false, false, QpidQueueArguments.deadLetterTo(dlq));
        publish(work, "first");
        publish(work, "second");
        channel.basicGet(work, false);
        GetResponse second = channel.basicGet(work, false);

        channel.basicNack(second.getEnvelope().getDeliveryTag(), true, false);

        // Qpid 10.1 applies the given tag to every collected message: only "second" is dead-lettered,
        // "first" goes back to the work queue once the channel closes.
        assertThat(body(channel.basicGet(dlq, true))).isEqualTo("second");
        assertThat(channel.basicGet(dlq, true)).isNull();
        channel.close();
        try (Channel other = connection.createChannel()) {
            assertThat(body(other.basicGet(work, true))).isEqualTo("first");
        }
    }

    @Test
    void alternateBindingCanPointStraightAtTheDeadLetterQueue() throws Exception {
        channel.queueDeclare(work, true, false, false, QpidQueueArguments.deadLetterTo(dlq));
        publish(work, "order-5");

        GetResponse delivery = channel.basicGet(work, false);
        channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);

        assertThat(body(channel.basicGet(dlq, true))).isEqualTo("order-5");
    }

    @Test
    void deadLetteredMessageKeepsItsRoutingKeySoADirectExchangeBoundToAnotherKeyDropsIt() throws Exception {
        String directDlx = dlx + ".direct";
        channel.exchangeDeclare(directDlx, "direct", true);
        channel.queueBind(dlq, directDlx, dlq);
        channel.queueDeclare(work, true, false, false, QpidQueueArguments.deadLetterTo(directDlx));
        channel.basicPublish("", work, null, "order-6".getBytes(StandardCharsets.UTF_8));

        GetResponse delivery = channel.basicGet(work, false);
        channel.basicReject(delivery.getEnvelope().getDeliveryTag(), false);

        // Routing key is still the work queue's name (no x-dead-letter-routing-key equivalent): no match, gone.
        assertThat(channel.basicGet(dlq, true)).isNull();
        assertThat(channel.basicGet(work, true)).isNull();
    }

    private void publish(String queue, String body) throws Exception {
        channel.basicPublish("", queue, null, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(GetResponse response) {
        assertThat(response).as("a message").isNotNull();
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface AlternateBindingForm {
        Map<String, Object> forDestination(String deadLetterExchange);
    }
}
