-- Idempotency-Key of POST /orders: the same key and body within 24 h return the original order.
create table idempotency_keys (
    idempotency_key varchar(200)             primary key,
    request_hash    varchar(64)              not null,
    order_id        uuid,
    created_at      timestamp with time zone not null
);
create index idempotency_keys_created_at on idempotency_keys (created_at);
