package com.ecomnow.order.placement;

import java.util.List;

public class UnknownSkuException extends RuntimeException {

    private final List<String> skus;

    public UnknownSkuException(List<String> skus) {
        super("Unknown SKU(s): " + String.join(", ", skus));
        this.skus = List.copyOf(skus);
    }

    public List<String> getSkus() {
        return skus;
    }
}
