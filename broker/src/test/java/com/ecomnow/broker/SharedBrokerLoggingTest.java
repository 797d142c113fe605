package com.ecomnow.broker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shared test broker keeps Qpid's per-connection operational log out of the callers' test output. */
class SharedBrokerLoggingTest {

    private final Logger operationalLog = (Logger) LoggerFactory.getLogger("qpid.message");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void captureOperationalLogAtInfo() {
        previousLevel = operationalLog.getLevel();
        operationalLog.setLevel(Level.INFO);
        operationalLog.setAdditive(false); // capture only, keep the console quiet
        captured.start();
        operationalLog.addAppender(captured);
    }

    @AfterEach
    void restore() {
        operationalLog.detachAppender(captured);
        operationalLog.setLevel(previousLevel);
        operationalLog.setAdditive(true);
    }

    @Test
    void sharedBrokerDoesNotLogConnections() throws Exception {
        EmbeddedBroker broker = EmbeddedBrokers.sharedForTests();
        captured.list.clear();

        try (Connection connection = Clients.factory(broker).newConnection()) {
            connection.createChannel().close();
        }

        assertThat(captured.list).isEmpty();
    }

    @Test
    void otherBrokersKeepTheirOperationalLog() throws Exception {
        EmbeddedBrokers.sharedForTests();
        try (EmbeddedBroker broker = new EmbeddedBroker(BrokerOptions.forTests()).start();
             Connection connection = Clients.factory(broker).newConnection()) {
            connection.createChannel().close();
        }

        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(message -> message.contains("CON-1001"));
    }
}
