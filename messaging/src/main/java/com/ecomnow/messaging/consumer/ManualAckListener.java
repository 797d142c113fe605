package com.ecomnow.messaging.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;

import com.ecomnow.messaging.event.EventHeaders;
import com.rabbitmq.client.Channel;

/**
 * The broker-facing side of a consumer: manual acknowledgement, and nothing else.
 *
 * <p>A message is acked only after its outcome is durable: the side effect committed, the duplicate recognised,
 * or the copy confirmed in the dead-letter queue. If even parking fails (the broker is going away), the message
 * is handed back with a requeue, so it is never lost.
 *
 * <p>A batch ({@code spring.rabbitmq.listener.simple.batch-size}) is first tried in one transaction and then acked
 * with a single {@code basicAck(lastTag, multiple=true)}; if that fails, each message is settled on its own. Each
 * batch also tells the {@link BatchWindow} how busy the queue is, which sets how long the next one may wait.
 */
public class ManualAckListener implements ChannelAwareBatchMessageListener {

    private static final Logger log = LoggerFactory.getLogger(ManualAckListener.class);

    private final DeliveryOutcomeDecider decider;
    private final BatchWindow window;

    public ManualAckListener(DeliveryOutcomeDecider decider, BatchWindow window) {
        this.decider = decider;
        this.window = window;
    }

    @Override
    public void onMessageBatch(List<Message> messages, Channel channel) {
        window.handedOver(messages.size());
        try {
            if (messages.size() > 1 && decider.decideTogether(messages)) {
                // Delivery tags grow on a channel and this batch is all that is unsettled on it: one ack for all.
                channel.basicAck(messages.get(messages.size() - 1).getMessageProperties().getDeliveryTag(), true);
                return;
            }
            for (Message message : messages) {
                onMessage(message, channel);
            }
        }
        catch (IOException ex) {
            // The channel is gone: the broker requeues every unacked message of this batch.
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        long deliveryTag = message.getMessageProperties().getDeliveryTag();
        Object correlationId = message.getMessageProperties().getHeader(EventHeaders.CORRELATION_ID);
        try (MDC.MDCCloseable ignored = MDC.putCloseable("correlationId",
                correlationId == null ? null : correlationId.toString())) {
            decider.decide(message);
            channel.basicAck(deliveryTag, false);
        }
        catch (RuntimeException unexpected) {
            log.error("Could not settle message {}; requeueing it", message.getMessageProperties().getMessageId(),
                    unexpected);
            channel.basicNack(deliveryTag, false, true);
        }
    }
}
