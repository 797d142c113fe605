package com.ecomnow.order.persistence;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An entity whose id we choose before saving. Spring Data takes such an entity for an existing one and merges it
 * (a SELECT, then an INSERT, and for a concurrent claim an overwrite); marked new, {@code save()} always inserts.
 */
@MappedSuperclass
public abstract class NewlyIdentifiedEntity<ID> implements Persistable<ID> {

    @Transient
    private boolean isNew;

    /** Call from the constructor that creates a new instance (not from the one JPA uses for loading). */
    protected void markNew() {
        isNew = true;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostPersist
    @PostLoad
    void markStored() {
        isNew = false;
    }
}
