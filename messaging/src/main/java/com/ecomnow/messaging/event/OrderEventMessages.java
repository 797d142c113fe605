package com.ecomnow.messaging.event;

import java.util.Date;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.ClassMapper;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConversionException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link OrderCreated} into an AMQP message and back, the one place that knows the wire format, so the
 * producer and the three consumers cannot drift apart.
 *
 * <p>The converter is given a fixed class mapper: no {@code __TypeId__} header is written or read, so a
 * consumer depends on the JSON contract and the {@code type} property, never on the producer's class names.
 */
public class OrderEventMessages {

    private final JacksonJsonMessageConverter converter;

    public OrderEventMessages(JsonMapper jsonMapper) {
        this.converter = new JacksonJsonMessageConverter(jsonMapper);
        this.converter.setClassMapper(new FixedClassMapper(OrderCreated.class));
    }

    public Message toMessage(OrderCreated event, String correlationId) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(event.eventId().toString());
        properties.setType(OrderCreated.TYPE);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setTimestamp(Date.from(event.occurredAt()));
        if (correlationId != null) {
            properties.setHeader(EventHeaders.CORRELATION_ID, correlationId);
        }
        return converter.toMessage(event, properties);
    }

    /**
     * Reads and validates an event. A message without a {@code type} is accepted as {@code order.created}, so a
     * workshop attendee can publish JSON by hand from the management UI; any other type is refused.
     *
     * @throws InvalidEventException if the message can never be processed
     */
    public OrderCreated read(Message message) {
        String type = message.getMessageProperties().getType();
        if (type != null && !OrderCreated.TYPE.equals(type)) {
            throw new InvalidEventException("unknown event type '" + type + "'");
        }
        Object body;
        try {
            body = converter.fromMessage(message);
        }
        catch (MessageConversionException | tools.jackson.core.JacksonException ex) {
            throw new InvalidEventException("body is not a valid " + OrderCreated.TYPE + " JSON document: "
                    + rootMessage(ex), ex);
        }
        if (!(body instanceof OrderCreated event)) {
            // The converter hands back raw bytes when the content type is not JSON.
            throw new InvalidEventException("content type '" + message.getMessageProperties().getContentType()
                    + "' is not application/json");
        }
        return event.requireValid();
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage();
        return text == null ? root.getClass().getSimpleName() : text.lines().findFirst().orElse(text);
    }

    private record FixedClassMapper(Class<?> type) implements ClassMapper {

        @Override
        public void fromClass(Class<?> clazz, MessageProperties properties) {
            // Deliberately writes nothing: the type travels as the AMQP 'type' property.
        }

        @Override
        public Class<?> toClass(MessageProperties properties) {
            return type;
        }
    }
}
