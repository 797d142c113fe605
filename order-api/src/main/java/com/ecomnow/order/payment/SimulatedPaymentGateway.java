package com.ecomnow.order.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A stand-in for a real payment provider: it approves every token except the configured declined ones, after an
 * optional simulated latency, and honours idempotency keys as real providers do (the same key never charges
 * twice, for {@code ecomnow.payment.key-retention}). No money moves. Its memory of keys is this process's (the
 * last {@code ecomnow.payment.remembered-keys}), lost on a restart; a real provider keeps them on its side.
 *
 * <p>{@code ecomnow_payment_charges_total{outcome}} counts what it did: {@code charged}, {@code reused} (a key seen
 * before), {@code declined}, {@code cancelled}.
 */
@Component
class SimulatedPaymentGateway implements PaymentGateway {

    private record Charge(String reference, boolean cancelled, Instant at) {
    }

    private final PaymentProperties properties;
    private final MeterRegistry meters;
    private final Map<String, Charge> charges;
    private final Clock clock = Clock.systemUTC();

    SimulatedPaymentGateway(PaymentProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        this.charges = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Charge> eldest) {
                return size() > properties.rememberedKeys();
            }
        };
    }

    @Override
    public String charge(String idempotencyKey, String paymentToken, BigDecimal amount, String currency) {
        synchronized (charges) {
            Charge earlier = charges.get(idempotencyKey);
            if (earlier != null && earlier.at().isBefore(clock.instant().minus(properties.keyRetention()))) {
                charges.remove(idempotencyKey);
                earlier = null;
            }
            if (earlier != null && !earlier.cancelled()) {
                count("reused");
                return earlier.reference();
            }
        }
        simulateLatency();
        if (properties.declinedTokens().contains(paymentToken)) {
            count("declined");
            throw new PaymentDeclinedException("The payment of " + amount + " " + currency + " was declined");
        }
        synchronized (charges) {
            // A concurrent call with the same key may have charged meanwhile: the first one wins.
            Charge charge = charges.computeIfAbsent(idempotencyKey, key -> {
                count("charged");
                return new Charge("pay_" + UUID.randomUUID(), false, clock.instant());
            });
            if (!charge.cancelled()) {
                return charge.reference();
            }
        }
        throw new PaymentDeclinedException("The charge for this request was cancelled");
    }

    @Override
    public void cancel(String idempotencyKey) {
        synchronized (charges) {
            Charge charge = charges.get(idempotencyKey);
            if (charge != null && !charge.cancelled()) {
                charges.put(idempotencyKey, new Charge(charge.reference(), true, charge.at()));
                count("cancelled");
            }
        }
    }

    private void count(String outcome) {
        meters.counter("ecomnow.payment.charges", "outcome", outcome).increment();
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
