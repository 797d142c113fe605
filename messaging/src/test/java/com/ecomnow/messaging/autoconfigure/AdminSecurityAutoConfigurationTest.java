package com.ecomnow.messaging.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;

/** When the admin endpoints need a password, and that a service exposed without one does not start. */
class AdminSecurityAutoConfigurationTest {

    /** What a service's context is: one that runs a web server (no real server is started here). */
    static class ServingContext extends AnnotationConfigServletWebApplicationContext
            implements WebServerApplicationContext {

        @Override
        public WebServer getWebServer() {
            return null;
        }

        @Override
        public String getServerNamespace() {
            return null;
        }
    }

    private final WebApplicationContextRunner contexts = new WebApplicationContextRunner(ServingContext::new)
            .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
                    AdminSecurityAutoConfiguration.class));

    @Test
    void aServiceOnAllInterfacesWithoutPasswordRefusesToStart() {
        contexts.withPropertyValues("server.address=0.0.0.0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("listens on 0.0.0.0, beyond 127.0.0.1")
                    .hasMessageContaining("SPRING_SECURITY_USER_PASSWORD");
        });
    }

    @Test
    void noServerAddressMeansEveryInterface() {
        contexts.run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("listens on every interface"));
    }

    @Test
    void aMockWebEnvironmentListensNowhereAndNeedsNoPassword() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
                ServletWebSecurityAutoConfiguration.class, AdminSecurityAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class));
    }

    @Test
    void onLoopbackWithoutPasswordItStartsWithNoUserAtAll() {
        contexts.withPropertyValues("server.address=127.0.0.1").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class);
            UserDetailsService users = context.getBean(UserDetailsService.class);
            // Not Boot's "user" with a generated password, logged at start-up: nobody can log in.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.loadUserByUsername("user"))
                    .isInstanceOf(UsernameNotFoundException.class);
        });
    }

    @Test
    void withAPasswordItStartsOnAllInterfacesWithThatUser() {
        contexts.withPropertyValues("server.address=0.0.0.0", "spring.security.user.name=admin",
                "spring.security.user.password=s3cret").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class);
            assertThat(context.getBean(UserDetailsService.class).loadUserByUsername("admin").getPassword())
                    .endsWith("s3cret");
        });
    }
}
