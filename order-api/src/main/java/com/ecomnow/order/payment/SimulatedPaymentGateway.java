package com.ecomnow.order.payment;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * A stand-in for a real payment provider: it approves every token except the configured declined ones, after an
 * optional simulated latency. No money moves.
 */
@Component
class SimulatedPaymentGateway implements PaymentGateway {

    private final PaymentProperties properties;

    SimulatedPaymentGateway(PaymentProperties properties) {
        this.properties = properties;
    }

    @Override
    public String charge(String paymentToken, BigDecimal amount, String currency) {
        simulateLatency();
        if (properties.declinedTokens().contains(paymentToken)) {
            throw new PaymentDeclinedException("The payment of " + amount + " " + currency + " was declined");
        }
        return "pay_" + UUID.randomUUID();
    }

    private void simulateLatency() {
        if (!properties.latency().isZero()) {
            try {
                Thread.sleep(properties.latency().toMillis());
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
