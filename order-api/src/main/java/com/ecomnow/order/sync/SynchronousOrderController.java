package com.ecomnow.order.sync;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.ecomnow.messaging.event.OrderCreated;
import com.ecomnow.order.placement.Order;
import com.ecomnow.order.placement.OrderService;
import com.ecomnow.order.placement.OrderView;
import com.ecomnow.order.placement.PlaceOrderRequest;
import com.ecomnow.order.web.CorrelationIdFilter;


/**
 * THE ANTI-PATTERN, kept only to measure what EcomNow replaced: {@code POST /sync/orders} places the order and
 * then calls email, inventory and analytics over HTTP, one after another, before answering, exactly like the
 * case study's old {@code place_order}. Its response time is the sum of theirs, and it fails when any of them
 * fails. The order's event still goes through the outbox too, with the same event id; the consumers' inbox makes
 * the second copy a no-op. Use {@code POST /orders}. When this service has admin credentials
 * ({@code spring.security.user.*}), it calls the others' {@code /sync} endpoints with the same ones. Registered
 * only with {@code ecomnow.sync.enabled=true} (the workshop's launchers set it).
 */
@RestController
@ConditionalOnBooleanProperty("ecomnow.sync.enabled")
class SynchronousOrderController {

    private final OrderService orderService;
    private final RestClient http;
    private final List<URI> services;

    SynchronousOrderController(OrderService orderService, RestClient.Builder builder, SyncProperties properties,
            SecurityProperties security) {
        this.orderService = orderService;
        HttpClientSettings settings = HttpClientSettings.defaults().withTimeouts(properties.timeout(),
                properties.timeout());
        builder.requestFactory(ClientHttpRequestFactoryBuilder.detect().build(settings));
        if (!security.getUser().isPasswordGenerated()) {
            builder.defaultHeaders(headers -> headers.setBasicAuth(security.getUser().getName(),
                    security.getUser().getPassword()));
        }
        this.http = builder.build();
        this.services = List.of(properties.inventoryUrl(), properties.emailUrl(), properties.analyticsUrl());
    }

    @PostMapping(path = "/sync/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest request,
            @RequestAttribute(CorrelationIdFilter.ATTRIBUTE) String correlationId) {
        Order order = orderService.placeOrder(request, correlationId);
        OrderCreated event = OrderService.orderCreated(order);
        for (URI service : services) {
            http.post().uri(service.resolve("/sync/order-created")).contentType(MediaType.APPLICATION_JSON)
                    .header(CorrelationIdFilter.HEADER, correlationId).body(event).retrieve().toBodilessEntity();
        }
        return ResponseEntity.created(URI.create("/orders/" + order.id())).body(OrderView.of(order));
    }

    @ExceptionHandler(RestClientException.class)
    ProblemDetail downstreamFailed(RestClientException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "A downstream service failed, so the whole order request fails: " + ex.getMessage());
        problem.setTitle("Downstream service failed (synchronous anti-pattern)");
        return problem;
    }
}
