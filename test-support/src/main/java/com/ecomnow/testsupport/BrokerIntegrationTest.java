package com.ecomnow.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring test that talks to a real AMQP broker. The broker is chosen once per test JVM by
 * {@link TestBroker}, and every application context gets its own topology namespace, so tests never see each
 * other's messages, nor leftovers of an earlier run on a shared broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface BrokerIntegrationTest {
}
