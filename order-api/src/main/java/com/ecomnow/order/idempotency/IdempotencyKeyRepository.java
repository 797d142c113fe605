package com.ecomnow.order.idempotency;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface IdempotencyKeyRepository extends JpaRepository<IdempotencyKey, String> {

    @Modifying
    @Query("update IdempotencyKey k set k.orderId = :orderId where k.key = :key")
    int complete(String key, UUID orderId);

    @Transactional
    @Modifying
    @Query("delete from IdempotencyKey k where k.createdAt < :before")
    int deleteCreatedBefore(Instant before);
}
