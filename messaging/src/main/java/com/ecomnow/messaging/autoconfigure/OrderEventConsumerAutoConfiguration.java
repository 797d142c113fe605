package com.ecomnow.messaging.autoconfigure;

import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Stream;

import org.flywaydb.core.api.Location;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.ecomnow.messaging.admin.DeadLetterQueueAdmin;
import com.ecomnow.messaging.admin.DeadLetterQueueController;
import com.ecomnow.messaging.admin.InboxController;
import com.ecomnow.messaging.consumer.BatchWindow;
import com.ecomnow.messaging.consumer.ConsumerMetrics;
import com.ecomnow.messaging.consumer.ConsumerProperties;
import com.ecomnow.messaging.consumer.DeadLetterPublisher;
import com.ecomnow.messaging.consumer.DeliveryOutcomeDecider;
import com.ecomnow.messaging.consumer.ManualAckListener;
import com.ecomnow.messaging.consumer.OrderEventHandler;
import com.ecomnow.messaging.consumer.ProcessedEventInbox;
import com.ecomnow.messaging.consumer.RetryScheduler;
import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.messaging.publish.ConfirmedPublisher;
import com.ecomnow.messaging.retention.RetentionJob;
import com.ecomnow.messaging.sync.SynchronousOrderEventController;
import com.ecomnow.messaging.topology.OrderEventsTopology;
import com.ecomnow.messaging.topology.TopologyNames;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Turns a service with one {@link OrderEventHandler} bean and an {@code ecomnow.consumer.queue} into a reliable
 * consumer: its queue and dead-letter queue declared, a listener container with manual acks, the idempotent
 * inbox (table migrated by the service's own Flyway), retry with backoff and dead-lettering with reasons.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class, afterName = {
        "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ConditionalOnBean(OrderEventHandler.class)
@EnableConfigurationProperties(ConsumerProperties.class)
public class OrderEventConsumerAutoConfiguration {

    /** Where the inbox's migration lives inside this module's jar. */
    static final String INBOX_MIGRATIONS = "classpath:db/messaging";

    @Bean
    FlywayConfigurationCustomizer inboxMigrations() {
        return configuration -> configuration.locations(Stream
                .concat(Arrays.stream(configuration.getLocations()), Stream.of(new Location(INBOX_MIGRATIONS)))
                .distinct()
                .toArray(Location[]::new))
                // The inbox's migrations (V0_x) are independent of the service's own (V1...): one shipped after
                // a service applied its V3 must still run, instead of failing validation as "out of order".
                .outOfOrder(true);
    }

    @Bean
    Declarables consumerTopology(TopologyNames names, ConsumerProperties properties) {
        return OrderEventsTopology.forQueue(names, queueName(names, properties), properties.retry().delays(),
                properties.deliveryLimit());
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedEventInbox processedEventInbox(JdbcTemplate jdbcTemplate) {
        return new ProcessedEventInbox(jdbcTemplate, Clock.systemUTC());
    }

    @Bean
    DeliveryOutcomeDecider deliveryOutcomeDecider(OrderEventMessages messages, OrderEventHandler handler,
            ProcessedEventInbox inbox, PlatformTransactionManager transactionManager, RabbitTemplate rabbitTemplate,
            ConfirmedPublisher publisher, TopologyNames names, ConsumerProperties properties,
            ObjectProvider<MeterRegistry> meterRegistry) {
        String queue = queueName(names, properties);
        return new DeliveryOutcomeDecider(messages, handler, inbox, new TransactionTemplate(transactionManager),
                new RetryScheduler(publisher, queue, properties.retry().delays()),
                new DeadLetterPublisher(rabbitTemplate, publisher, queue, Clock.systemUTC()),
                new ConsumerMetrics(meterRegistry.getIfAvailable(() -> Metrics.globalRegistry), queue),
                properties.maxMessageSize().toBytes());
    }

    /**
     * Boot's own listener settings ({@code spring.rabbitmq.listener.simple.*}: prefetch, concurrency, batch size,
     * auto-startup) through Boot's configurer; what is not a choice is set after it.
     */
    @Bean
    SimpleMessageListenerContainer orderEventListenerContainer(SimpleRabbitListenerContainerFactoryConfigurer boot,
            ConnectionFactory connectionFactory, DeliveryOutcomeDecider decider, TopologyNames names,
            ConsumerProperties properties) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        boot.configure(factory, connectionFactory);
        // Acked by ManualAckListener only once the outcome is durable.
        factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        // Keep retrying the broker instead of failing start-up: the service must survive a broker outage.
        factory.setMissingQueuesFatal(false);
        SimpleMessageListenerContainer container = factory.createListenerContainer();
        container.setQueueNames(queueName(names, properties));
        container.setShutdownTimeout(properties.shutdownTimeout().toMillis());
        // A batch is handed over when full, when its window has passed since the thread began waiting, or when no
        // message came within the receive timeout; BatchWindow sets both from the rate messages arrive at.
        BatchWindow window = new BatchWindow((batch, receive) -> {
            container.setBatchReceiveTimeout(batch);
            container.setReceiveTimeout(receive);
        }, properties.batchTimeout(), properties.receiveTimeout(), properties.busy().batchTimeout(),
                properties.busy().rate(), System::nanoTime);
        container.setMessageListener(new ManualAckListener(decider, window));
        return container;
    }

    @Bean
    DeadLetterQueueAdmin deadLetterQueueAdmin(RabbitTemplate rabbitTemplate, ConfirmedPublisher publisher,
            TopologyNames names, ConsumerProperties properties) {
        return new DeadLetterQueueAdmin(rabbitTemplate, publisher, queueName(names, properties), Clock.systemUTC());
    }

    /** Keeps the inbox bounded: {@code ecomnow.consumer.inbox.*}. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class InboxRetentionConfiguration {

        @Bean
        RetentionJob inboxRetention(JdbcTemplate jdbcTemplate, ConsumerProperties properties) {
            return new RetentionJob(jdbcTemplate, "processed_events", "event_id", "processed_at",
                    properties.inbox().retention(), properties.inbox().cleanupInterval(), Clock.systemUTC());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.bind.annotation.RestController")
    static class DeadLetterQueueWebConfiguration {

        @Bean
        DeadLetterQueueController deadLetterQueueController(DeadLetterQueueAdmin admin) {
            return new DeadLetterQueueController(admin);
        }

        @Bean
        InboxController inboxController(ProcessedEventInbox inbox) {
            return new InboxController(inbox);
        }
    }

    /** The synchronous anti-pattern, for the workshop's comparison only: off unless asked for. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.bind.annotation.RestController")
    @ConditionalOnBooleanProperty("ecomnow.sync.enabled")
    static class SynchronousComparisonConfiguration {

        @Bean
        SynchronousOrderEventController synchronousOrderEventController(DeliveryOutcomeDecider decider) {
            return new SynchronousOrderEventController(decider);
        }
    }

    private static String queueName(TopologyNames names, ConsumerProperties properties) {
        if (properties.queue() == null || properties.queue().isBlank()) {
            throw new IllegalStateException(
                    "A consumer service needs its queue: set ecomnow.consumer.queue (for example email_queue)");
        }
        return names.queue(properties.queue());
    }
}
