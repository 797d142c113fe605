package com.ecomnow.email.mail;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Component;

/** Optional, configurable latency and failures of the mail provider, for the workshop labs. */
@Component
public class SimulatedMailFaults {

    private final EmailProperties.Simulation simulation;

    public SimulatedMailFaults(EmailProperties properties) {
        this.simulation = properties.simulation();
    }

    void beforeSend() {
        if (!simulation.latency().isZero()) {
            try {
                Thread.sleep(simulation.latency().toMillis());
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (simulation.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < simulation.failureRate()) {
            throw new MailSendException("Simulated mail provider failure (ecomnow.email.simulation.failure-rate)");
        }
    }
}
