package com.ecomnow.order.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import com.ecomnow.order.persistence.NewlyIdentifiedEntity;

/** A paid order. Its lines carry the name and price at the time of the order, not today's catalog. */
@Entity(name = "CustomerOrder")
@Table(name = "orders")
public class Order extends NewlyIdentifiedEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "customer_email", nullable = false)
    private String customerEmail;

    @Column(name = "total_amount", nullable = false)
    private BigDecimal totalAmount;

    @Column(nullable = false)
    private String currency;

    @Column(name = "payment_ref", nullable = false)
    private String paymentRef;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    protected Order() {
    }

    public Order(UUID id, String customerEmail, PricedOrder priced, String paymentRef, Instant createdAt) {
        this.id = id;
        this.customerEmail = customerEmail;
        this.lines = new ArrayList<>(priced.lines());
        this.totalAmount = priced.total();
        this.currency = priced.currency();
        this.paymentRef = paymentRef;
        this.createdAt = createdAt;
        markNew();
    }

    @Override
    public UUID getId() {
        return id;
    }

    public String getCustomerEmail() {
        return customerEmail;
    }

    public BigDecimal getTotalAmount() {
        return totalAmount;
    }

    public String getCurrency() {
        return currency;
    }

    public String getPaymentRef() {
        return paymentRef;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public List<OrderLine> getLines() {
        return List.copyOf(lines);
    }
}
