package com.ecomnow.messaging.autoconfigure;

import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Stream;

import org.flywaydb.core.api.Location;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.ecomnow.messaging.admin.DeadLetterQueueAdmin;
import com.ecomnow.messaging.admin.DeadLetterQueueController;
import com.ecomnow.messaging.admin.InboxController;
import com.ecomnow.messaging.consumer.ConsumerMetrics;
import com.ecomnow.messaging.consumer.ConsumerProperties;
import com.ecomnow.messaging.consumer.DeadLetterPublisher;
import com.ecomnow.messaging.consumer.InboxMessageListener;
import com.ecomnow.messaging.consumer.OrderEventHandler;
import com.ecomnow.messaging.consumer.OrderEventProcessor;
import com.ecomnow.messaging.consumer.ProcessedEventInbox;
import com.ecomnow.messaging.consumer.RetryScheduler;
import com.ecomnow.messaging.consumer.SynchronousOrderEventController;
import com.ecomnow.messaging.event.OrderEventMessages;
import com.ecomnow.messaging.topology.ConsumerTopology;
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
        return ConsumerTopology.forQueue(names, queueName(names, properties), properties.getRetry().getDelays(),
                properties.getDeliveryLimit());
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedEventInbox processedEventInbox(JdbcTemplate jdbcTemplate) {
        return new ProcessedEventInbox(jdbcTemplate, Clock.systemUTC());
    }

    @Bean
    OrderEventProcessor orderEventProcessor(OrderEventMessages messages, OrderEventHandler handler,
            ProcessedEventInbox inbox, PlatformTransactionManager transactionManager, RabbitTemplate rabbitTemplate,
            TopologyNames names, ConsumerProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
        String queue = queueName(names, properties);
        requirePublisherConfirms(rabbitTemplate);
        OrderEventProcessor processor = new OrderEventProcessor(messages, handler, inbox,
                new TransactionTemplate(transactionManager),
                new RetryScheduler(rabbitTemplate, queue, properties.getRetry().getDelays()),
                new DeadLetterPublisher(rabbitTemplate, queue, Clock.systemUTC()),
                new ConsumerMetrics(meterRegistry.getIfAvailable(() -> Metrics.globalRegistry), queue),
                properties.getMaxMessageSize().toBytes());
        processor.setSimulatedLatency(properties.getSimulatedLatency());
        return processor;
    }

    @Bean
    SimpleMessageListenerContainer orderEventListenerContainer(ConnectionFactory connectionFactory,
            OrderEventProcessor processor, TopologyNames names, ConsumerProperties properties) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queueName(names, properties));
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setPrefetchCount(Math.max(properties.getPrefetch(), properties.getBatchSize()));
        if (properties.getBatchSize() > 1) {
            // One transaction and one ack per batch instead of per message (InboxMessageListener). A batch is
            // handed over when full or after batch-timeout; a lone message waits at most that long.
            container.setConsumerBatchEnabled(true);
            container.setBatchSize(properties.getBatchSize());
            container.setBatchReceiveTimeout(properties.getBatchTimeout().toMillis());
            container.setReceiveTimeout(properties.getBatchTimeout().toMillis());
        }
        container.setConcurrentConsumers(properties.getConcurrency());
        container.setMaxConcurrentConsumers(Math.max(properties.getConcurrency(), properties.getMaxConcurrency()));
        container.setShutdownTimeout(properties.getShutdownTimeout().toMillis());
        // Keep retrying the broker instead of failing start-up: the service must survive a broker outage.
        container.setMissingQueuesFatal(false);
        container.setAutoStartup(properties.isAutoStartup());
        container.setMessageListener(new InboxMessageListener(processor));
        return container;
    }

    @Bean
    DeadLetterQueueAdmin deadLetterQueueAdmin(RabbitTemplate rabbitTemplate, TopologyNames names,
            ConsumerProperties properties) {
        return new DeadLetterQueueAdmin(rabbitTemplate, queueName(names, properties), Clock.systemUTC());
    }

    /** Keeps the inbox bounded: {@code ecomnow.consumer.inbox.*}. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class InboxRetentionConfiguration {

        @Bean
        SchedulingConfigurer inboxRetention(ProcessedEventInbox inbox, ConsumerProperties properties) {
            ConsumerProperties.Inbox settings = properties.getInbox();
            return registrar -> registrar.addFixedDelayTask(() -> inbox.forgetProcessedBefore(settings.getRetention()),
                    settings.getCleanupInterval());
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

        @Bean
        SynchronousOrderEventController synchronousOrderEventController(OrderEventProcessor processor) {
            return new SynchronousOrderEventController(processor);
        }
    }

    private static String queueName(TopologyNames names, ConsumerProperties properties) {
        if (properties.getQueue() == null || properties.getQueue().isBlank()) {
            throw new IllegalStateException(
                    "A consumer service needs its queue: set ecomnow.consumer.queue (for example email_queue)");
        }
        return names.queue(properties.getQueue());
    }

    /** Parking or retrying a message without a broker confirm could lose it, so refuse to start without. */
    private static void requirePublisherConfirms(RabbitTemplate template) {
        if (!template.getConnectionFactory().isSimplePublisherConfirms()) {
            throw new IllegalStateException("Retrying and dead-lettering wait for publisher confirms: set "
                    + "spring.rabbitmq.publisher-confirm-type=simple in a consumer service");
        }
    }
}
