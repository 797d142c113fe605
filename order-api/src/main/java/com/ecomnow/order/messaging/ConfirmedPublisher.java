package com.ecomnow.order.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import com.ecomnow.messaging.topology.TopologyNames;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Publishes to {@code order_events} and reports whether the broker took responsibility for the message: a
 * positive confirm and no return. A return (no queue bound) and a nack both mean "not delivered"; brokers differ
 * in which of the two arrives first, so both are checked.
 */
@Component
public class ConfirmedPublisher {

    private final RabbitTemplate template;
    private final TopologyNames names;
    private final Timer confirmLatency;
    private final Counter failures;

    public ConfirmedPublisher(RabbitTemplate template, TopologyNames names, MeterRegistry registry) {
        this.template = template;
        this.names = names;
        this.confirmLatency = Timer.builder("ecomnow.outbox.publish")
                .description("Publish to broker confirm")
                .publishPercentileHistogram()
                .register(registry);
        this.failures = Counter.builder("ecomnow.outbox.publish.failures")
                .description("Publishes the broker did not confirm")
                .register(registry);
    }

    public record PublishResult(boolean confirmed, String problem) {

        static final PublishResult OK = new PublishResult(true, null);

        static PublishResult failed(String problem) {
            return new PublishResult(false, problem);
        }
    }

    public PublishResult publish(Message message, Duration timeout) {
        String id = message.getMessageProperties().getMessageId();
        CorrelationData correlation = new CorrelationData(id);
        long start = System.nanoTime();
        PublishResult result = send(message, correlation, timeout);
        if (result.confirmed()) {
            confirmLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        else {
            failures.increment();
        }
        return result;
    }

    private PublishResult send(Message message, CorrelationData correlation, Duration timeout) {
        try {
            template.send(names.orderEventsExchange(), TopologyNames.ORDER_CREATED_ROUTING_KEY, message, correlation);
            CorrelationData.Confirm confirm = correlation.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (correlation.getReturned() != null) {
                return PublishResult.failed("returned by the broker: " + correlation.getReturned().getReplyText());
            }
            if (!confirm.ack()) {
                return PublishResult.failed("nacked by the broker: " + confirm.reason());
            }
            return PublishResult.OK;
        }
        catch (AmqpException ex) {
            return PublishResult.failed("broker unavailable: " + ex.getMessage());
        }
        catch (TimeoutException ex) {
            return PublishResult.failed("no confirm within " + timeout);
        }
        catch (ExecutionException ex) {
            return PublishResult.failed("confirm failed: " + ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return PublishResult.failed("interrupted while waiting for the confirm");
        }
    }
}
