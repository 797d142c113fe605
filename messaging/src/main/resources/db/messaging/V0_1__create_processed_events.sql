-- The idempotent inbox of a consumer service (shipped by the messaging module, applied by each service's Flyway).
-- The primary key is what makes a redelivered event change nothing twice.
create table processed_events (
    event_id     uuid primary key,
    processed_at timestamp with time zone not null
);
