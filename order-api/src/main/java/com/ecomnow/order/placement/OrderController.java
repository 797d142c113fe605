package com.ecomnow.order.placement;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.ecomnow.order.idempotency.IdempotentRequests;
import com.ecomnow.order.web.CorrelationIdFilter;

@RestController
@RequestMapping("/orders")
@Validated
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** {@code true} when the answer is the order an earlier request with the same key created. */
    static final String IDEMPOTENT_REPLAY = "Idempotent-Replayed";

    private final OrderService orderService;
    private final IdempotentRequests idempotentRequests;
    private final OrderRepository orders;

    OrderController(OrderService orderService, IdempotentRequests idempotentRequests, OrderRepository orders) {
        this.orderService = orderService;
        this.idempotentRequests = idempotentRequests;
        this.orders = orders;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 200) String idempotencyKey,
            @RequestAttribute(CorrelationIdFilter.ATTRIBUTE) String correlationId) {
        Order order;
        boolean replayed = false;
        if (idempotencyKey == null) {
            order = orderService.placeOrder(request, correlationId);
        }
        else {
            IdempotentRequests.Result result = idempotentRequests.place(idempotencyKey, request, correlationId);
            order = result.order();
            replayed = result.replayed();
        }
        return ResponseEntity.created(URI.create("/orders/" + order.id()))
                .header(IDEMPOTENT_REPLAY, String.valueOf(replayed))
                .body(OrderView.of(order));
    }

    @GetMapping("/{id}")
    OrderView get(@PathVariable UUID id) {
        return OrderView.of(orderService.find(id));
    }

    /** Newest first. */
    @GetMapping
    OrderPage list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        long total = orders.count();
        return new OrderPage(orders.page(page, size).stream().map(OrderView::of).toList(), page, size, total,
                (int) ((total + size - 1) / size));
    }

    record OrderPage(List<OrderView> orders, int page, int size, long totalOrders, int totalPages) {
    }
}
