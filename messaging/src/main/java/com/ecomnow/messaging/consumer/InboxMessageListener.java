package com.ecomnow.messaging.consumer;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import com.ecomnow.messaging.event.EventHeaders;
import com.rabbitmq.client.Channel;

/**
 * The broker-facing side of a consumer: manual acknowledgement, and nothing else.
 *
 * <p>A message is acked only after its outcome is durable: the side effect committed, the duplicate recognised,
 * or the copy confirmed in the dead-letter queue. If even parking fails (the broker is going away), the message
 * is handed back with a requeue, so it is never lost.
 */
public class InboxMessageListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(InboxMessageListener.class);

    private final OrderEventProcessor processor;

    public InboxMessageListener(OrderEventProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        long deliveryTag = message.getMessageProperties().getDeliveryTag();
        Object correlationId = message.getMessageProperties().getHeader(EventHeaders.CORRELATION_ID);
        try (MDC.MDCCloseable ignored = MDC.putCloseable("correlationId",
                correlationId == null ? null : correlationId.toString())) {
            processor.process(message);
            channel.basicAck(deliveryTag, false);
        }
        catch (RuntimeException unexpected) {
            log.error("Could not settle message {}; requeueing it", message.getMessageProperties().getMessageId(),
                    unexpected);
            channel.basicNack(deliveryTag, false, true);
        }
    }
}
