package com.ecomnow.order.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import com.ecomnow.order.placement.Order;
import com.ecomnow.order.placement.OrderOutcomeUnknownException;
import com.ecomnow.order.placement.OrderService;
import com.ecomnow.order.placement.PlaceOrderRequest;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for {@code POST /orders}: a client that retries after a timeout gets the order it
 * already created, not a second one (and not a second charge).
 *
 * <p>The key is claimed with an insert before anything else happens; its primary key makes concurrent requests
 * with one key create one order. The claim is completed with the order id in the order's own transaction, and
 * released if placing the order fails, so the client may try again with the same key.
 */
@Component
public class IdempotentRequests {

    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(5);
    /** A claim this old without an order belongs to a request that crashed; no request takes this long. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    private final IdempotencyKeyRepository keys;
    private final OrderService orders;
    private final JsonMapper jsonMapper;
    private final Duration retention;
    private final Clock clock = Clock.systemUTC();

    public IdempotentRequests(IdempotencyKeyRepository keys, OrderService orders, JsonMapper jsonMapper,
            IdempotencyProperties properties) {
        this.keys = keys;
        this.orders = orders;
        this.jsonMapper = jsonMapper;
        this.retention = properties.retention();
    }

    public record Result(Order order, boolean replayed) {
    }

    /** Places the order once per key, or returns the order an earlier request with this key created. */
    public Result place(String key, PlaceOrderRequest request, String correlationId) {
        String hash = hash(request);
        Claim claim = claimOrFindEarlier(key, hash);
        if (claim.earlierOrder() != null) {
            return new Result(orders.find(claim.earlierOrder()), true);
        }
        try {
            return new Result(orders.placeOrder(request, correlationId, key, hash,
                    placed -> keys.complete(key, placed.id())),
                    false);
        }
        catch (OrderOutcomeUnknownException maybeStored) {
            // The claim stays: if the order was stored, it carries the order id and a retry gets that order.
            throw maybeStored;
        }
        catch (RuntimeException failed) {
            // Nothing was created: the same key may be used again. Only this request's own claim is released: a
            // request that outlived ABANDONED_AFTER may find its key taken over (and completed) by a retry.
            keys.release(key, claim.claimedAt());
            throw failed;
        }
    }

    /** An order an earlier request with the key created, or this request's claim on the key. */
    private record Claim(UUID earlierOrder, Instant claimedAt) {
    }

    private Claim claimOrFindEarlier(String key, String hash) {
        Instant deadline = clock.instant().plus(WAIT_FOR_FIRST);
        while (true) {
            IdempotencyKey existing = keys.findById(key).orElse(null);
            if (existing != null && (existing.createdAt().isBefore(clock.instant().minus(retention))
                    || existing.orderId() == null
                            && existing.createdAt().isBefore(clock.instant().minus(ABANDONED_AFTER)))) {
                // Expired, or claimed by a request that died before finishing: the key is free again.
                keys.deleteById(key);
                existing = null;
            }
            if (existing == null) {
                // Microseconds: the precision of the column, so that release() finds the claim by its time.
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                if (tryClaim(key, hash, now)) {
                    return new Claim(null, now);
                }
                continue; // a concurrent request claimed it first
            }
            if (!existing.requestHash().equals(hash)) {
                throw new IdempotencyConflictException(
                        "Idempotency-Key '" + key + "' was already used with a different request", false);
            }
            if (existing.orderId() != null) {
                return new Claim(existing.orderId(), null);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IdempotencyConflictException(
                        "A request with Idempotency-Key '" + key + "' is still being processed", true);
            }
            sleep();
        }
    }

    private boolean tryClaim(String key, String hash, Instant at) {
        try {
            keys.claim(key, hash, at);
            return true;
        }
        catch (DataIntegrityViolationException alreadyClaimed) {
            return false;
        }
    }

    /** The request as canonical JSON (our own record, so field order is fixed), hashed. */
    String hash(PlaceOrderRequest request) {
        try {
            byte[] canonical = jsonMapper.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
