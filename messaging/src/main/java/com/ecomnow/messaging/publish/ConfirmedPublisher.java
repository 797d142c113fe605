package com.ecomnow.messaging.publish;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The one way EcomNow publishes: the outbox relay, the retry queues, parking in a dead-letter queue and replay
 * all go through {@link #publish}. A message counts as delivered only with a positive confirm and no return
 * (published mandatory, so a message no queue takes comes back); brokers differ in which of the two arrives first,
 * so both are checked. Needs {@code spring.rabbitmq.publisher-confirm-type=correlated},
 * {@code publisher-returns=true} and {@code template.mandatory=true}, which {@code messaging} sets by default.
 */
public class ConfirmedPublisher {

    private final RabbitTemplate template;
    private final Duration timeout;

    public ConfirmedPublisher(RabbitTemplate template, Duration timeout) {
        if (!template.getConnectionFactory().isPublisherConfirms()
                || !template.getConnectionFactory().isPublisherReturns()) {
            throw new IllegalStateException("EcomNow publishes only with confirms and returns: set "
                    + "spring.rabbitmq.publisher-confirm-type=correlated and spring.rabbitmq.publisher-returns=true");
        }
        this.template = template;
        this.timeout = timeout;
    }

    /** Whether the broker took responsibility for a message, and if not, why. */
    public record Result(boolean confirmed, String problem) {

        static final Result OK = new Result(true, null);

        static Result failed(String problem) {
            return new Result(false, problem);
        }

        /** For callers that must not go on (ack an original, say) unless the copy is safe. */
        public void orThrow() {
            if (!confirmed) {
                throw new NotConfirmedException(problem);
            }
        }
    }

    /** Thrown by {@link Result#orThrow()}: the broker did not confirm the message. */
    public static class NotConfirmedException extends AmqpException {

        NotConfirmedException(String problem) {
            super("Not confirmed by the broker: " + problem);
        }
    }

    /** Publishes and waits up to the timeout for the broker's answer. Never throws for a broker failure. */
    public Result publish(String exchange, String routingKey, Message message) {
        try {
            return publishAsync(exchange, routingKey, message).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted while waiting for the confirm");
        }
        catch (ExecutionException ex) {
            return Result.failed("confirm failed: " + ex.getCause());
        }
    }

    /**
     * Publishes and returns at once: no thread waits for the broker, and confirms of many messages arrive
     * together. The future completes with the broker's answer, or with a failed result after the timeout; it is
     * completed on the connection's thread or the timer's, so what depends on it must be quick.
     */
    public CompletableFuture<Result> publishAsync(String exchange, String routingKey, Message message) {
        String id = message.getMessageProperties().getMessageId();
        CorrelationData correlation = new CorrelationData(id == null ? UUID.randomUUID().toString() : id);
        try {
            template.send(exchange, routingKey, message, correlation);
        }
        catch (AmqpException ex) {
            return CompletableFuture.completedFuture(Result.failed("broker unavailable: " + ex.getMessage()));
        }
        return correlation.getFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((confirm, failure) -> outcome(correlation, confirm, failure, exchange, routingKey));
    }

    private Result outcome(CorrelationData correlation, CorrelationData.Confirm confirm, Throwable failure,
            String exchange, String routingKey) {
        if (failure instanceof TimeoutException) {
            return Result.failed("no confirm within " + timeout);
        }
        if (failure != null) {
            return Result.failed("confirm failed: " + failure);
        }
        if (correlation.getReturned() != null) {
            return Result.failed("returned by the broker (" + correlation.getReturned().getReplyText()
                    + "): no queue is bound to " + exchange + " for " + routingKey);
        }
        if (!confirm.ack()) {
            return Result.failed("nacked by the broker: " + confirm.reason());
        }
        return Result.OK;
    }
}
