package com.ecomnow.order.payment;

import java.math.BigDecimal;

/** Charges a customer. The only implementation here is {@link SimulatedPaymentGateway}. */
public interface PaymentGateway {

    /**
     * Charges once per {@code idempotencyKey}: called again with the same key (a client's retry after the order
     * could not be stored, or after a crash), it returns the first charge's reference and charges nothing.
     *
     * @return the payment reference
     * @throws PaymentDeclinedException when the payment is refused
     */
    String charge(String idempotencyKey, String paymentToken, BigDecimal amount, String currency);

    /** Voids a charge whose order could not be stored and that no retry can reuse. */
    void cancel(String idempotencyKey);
}
