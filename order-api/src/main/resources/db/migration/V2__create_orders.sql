create table orders (
    id             uuid                     primary key,
    customer_email varchar(320)             not null,
    total_amount   numeric(14, 2)           not null,
    currency       varchar(3)               not null,
    payment_ref    varchar(100)             not null,
    created_at     timestamp with time zone not null
);
create index orders_created_at on orders (created_at desc);

create table order_lines (
    order_id   uuid           not null references orders (id),
    line_no    int            not null,
    sku        varchar(40)    not null,
    name       varchar(200)   not null,
    quantity   int            not null check (quantity > 0),
    unit_price numeric(12, 2) not null,
    primary key (order_id, line_no)
);

-- Transactional outbox: the event is stored with its order in one transaction, and published afterwards.
create table outbox_events (
    event_id       uuid                     primary key,
    aggregate_id   uuid                     not null,
    event_type     varchar(100)             not null,
    payload        varchar(65535)           not null,
    correlation_id varchar(100),
    created_at     timestamp with time zone not null,
    published_at   timestamp with time zone,
    attempts       int                      not null default 0,
    last_error     varchar(1000)
);
create index outbox_events_pending on outbox_events (published_at, created_at);
