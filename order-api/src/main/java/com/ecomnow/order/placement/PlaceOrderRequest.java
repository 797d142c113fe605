package com.ecomnow.order.placement;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /orders}. Prices are not part of it: order-api prices from its own catalog. */
public record PlaceOrderRequest(
        @NotBlank @Email @Size(max = 320) String customerEmail,
        @NotEmpty @Size(max = MAX_LINES) List<@NotNull @Valid Item> items,
        @NotBlank @Size(max = 100) String paymentToken) {

    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 100;

    public record Item(
            @NotBlank @Size(max = 40) String sku,
            @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
    }
}
