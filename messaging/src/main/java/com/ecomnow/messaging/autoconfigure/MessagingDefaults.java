package com.ecomnow.messaging.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings every EcomNow service shares (confirms and returns, manual acks and batches, loopback binding,
 * problem details), written once in {@code ecomnow-messaging-defaults.properties} instead of in four
 * {@code application.yml} files. Added with the lowest precedence: a service's own configuration, the environment
 * and the command line all win.
 */
public class MessagingDefaults implements EnvironmentPostProcessor {

    static final String NAME = "ecomnow-messaging-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(NAME)) {
            return;
        }
        try {
            for (PropertySource<?> defaults : new PropertiesPropertySourceLoader().load(NAME,
                    new ClassPathResource(NAME + ".properties"))) {
                environment.getPropertySources().addLast(defaults);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
