package com.ecomnow.messaging.autoconfigure;

import java.net.InetAddress;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Credentials for what only an operator should do: the dead-letter admin ({@code /admin/**}), the synchronous
 * comparison endpoints ({@code /sync/**}) and every actuator endpoint except health, info and prometheus.
 *
 * <ul>
 * <li>A service whose web server listens beyond 127.0.0.1 ({@code server.address} not a loopback address, or
 * unset) must have {@code spring.security.user.password}: it refuses to start without one. (A test's mock web
 * environment runs no server and listens nowhere.)</li>
 * <li>With a password (Boot's {@code spring.security.user.name} / {@code .password}), those endpoints need HTTP
 * Basic, wherever the service listens.</li>
 * <li>On 127.0.0.1 without a password (the local run, the tests), nothing needs a login.</li>
 * </ul>
 * The order and query endpoints stay open in every case. No CSRF: the API has no browser sessions.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(SecurityProperties.class)
public class AdminSecurityAutoConfiguration {

    static final String PASSWORD_MISSING = "This service listens on %s, beyond 127.0.0.1: its admin endpoints need "
            + "credentials. Set spring.security.user.password (environment: SPRING_SECURITY_USER_PASSWORD).";

    @Bean
    SecurityFilterChain adminEndpointsSecurity(HttpSecurity http, SecurityProperties security, Environment environment,
            ApplicationContext context) throws Exception {
        InetAddress address = Binder.get(environment).bind("server.address", InetAddress.class).orElse(null);
        boolean listensBeyondLoopback = context instanceof WebServerApplicationContext
                && (address == null || !address.isLoopbackAddress());
        boolean hasPassword = !security.getUser().isPasswordGenerated();
        if (listensBeyondLoopback && !hasPassword) {
            throw new IllegalStateException(
                    PASSWORD_MISSING.formatted(address == null ? "every interface" : address.getHostAddress()));
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!hasPassword) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        return http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/admin/**", "/sync/**").authenticated()
                        .requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).authenticated()
                        .anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    /**
     * No password, no users: keeps Boot from making up a password and logging it, which here would only
     * suggest a login that nothing asks for.
     */
    @Bean
    @ConditionalOnExpression("'${spring.security.user.password:}'.isEmpty()")
    UserDetailsService noAdminUsers() {
        return new InMemoryUserDetailsManager();
    }
}
