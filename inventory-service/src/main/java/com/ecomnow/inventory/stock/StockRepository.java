package com.ecomnow.inventory.stock;

import java.util.Collection;
import java.util.List;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface StockRepository extends JpaRepository<StockItem, String> {

    /** Row locks taken in SKU order, so two orders that share SKUs cannot deadlock each other. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from StockItem s where s.sku in :skus order by s.sku")
    List<StockItem> lockAll(Collection<String> skus);

    List<StockItem> findAllByOrderBySkuAsc();
}
