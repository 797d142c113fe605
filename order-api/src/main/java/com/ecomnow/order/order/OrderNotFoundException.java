package com.ecomnow.order.order;

import java.util.UUID;

public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(UUID id) {
        super("No order with id " + id);
    }
}
