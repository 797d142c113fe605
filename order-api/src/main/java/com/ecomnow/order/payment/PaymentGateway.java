package com.ecomnow.order.payment;

import java.math.BigDecimal;

/** Charges a customer. The only implementation here is {@link SimulatedPaymentGateway}. */
public interface PaymentGateway {

    /**
     * @return the payment reference
     * @throws PaymentDeclinedException when the payment is refused
     */
    String charge(String paymentToken, BigDecimal amount, String currency);
}
