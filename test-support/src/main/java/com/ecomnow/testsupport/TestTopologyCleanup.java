package com.ecomnow.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Deletes the test context's namespaced exchanges and queues when the context closes, so a shared, long-running
 * broker does not fill up with test leftovers. Listener containers are stopped first, or they would redeclare
 * what is being deleted.
 */
class TestTopologyCleanup implements ApplicationListener<ContextClosedEvent> {

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        ApplicationContext context = event.getApplicationContext();
        String namespace = context.getEnvironment().getProperty("ecomnow.messaging.namespace");
        if (namespace == null || !namespace.startsWith("test-")) {
            return;
        }
        AmqpAdmin admin = context.getBeanProvider(AmqpAdmin.class).getIfAvailable();
        if (admin == null) {
            return;
        }
        context.getBeansOfType(AbstractMessageListenerContainer.class).values()
                .forEach(AbstractMessageListenerContainer::stop);
        try {
            for (Declarables declarables : context.getBeansOfType(Declarables.class).values()) {
                // Reverse order: Qpid refuses to delete a DLQ while a queue still names it as alternate binding.
                List<Declarable> all = new ArrayList<>(declarables.getDeclarables());
                Collections.reverse(all);
                all.forEach(declarable -> delete(admin, declarable, namespace));
            }
            context.getBeansOfType(Queue.class).values().forEach(queue -> delete(admin, queue, namespace));
            context.getBeansOfType(Exchange.class).values().forEach(exchange -> delete(admin, exchange, namespace));
        }
        catch (RuntimeException brokerGone) {
            // A test may have stopped the broker; its in-memory topology goes with it.
        }
    }

    private static void delete(AmqpAdmin admin, Declarable declarable, String namespace) {
        if (declarable instanceof Queue queue && queue.getName().startsWith(namespace)) {
            admin.deleteQueue(queue.getName());
        }
        else if (declarable instanceof Exchange exchange && exchange.getName().startsWith(namespace)) {
            admin.deleteExchange(exchange.getName());
        }
    }
}
