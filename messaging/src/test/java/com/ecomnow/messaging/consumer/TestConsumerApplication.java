package com.ecomnow.messaging.consumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A minimal consumer service, exactly as a real one is written: one handler bean and a queue name. */
@SpringBootApplication
public class TestConsumerApplication {

    /** Real services get theirs from Actuator; the tests read the consumer's counters from this one. */
    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
