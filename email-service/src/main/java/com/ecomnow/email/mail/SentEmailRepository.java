package com.ecomnow.email.mail;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SentEmailRepository extends JpaRepository<SentEmail, UUID> {

    List<SentEmail> findByOrderIdOrderBySentAtDesc(UUID orderId);

    List<SentEmail> findAllByOrderBySentAtDesc(Limit limit);
}
