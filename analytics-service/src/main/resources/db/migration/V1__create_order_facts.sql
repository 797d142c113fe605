-- One fact per order, with the end-to-end lag: when analytics processed it minus when the order was placed.
create table order_facts (
    order_id     uuid                     primary key,
    event_id     uuid                     not null unique,
    occurred_at  timestamp with time zone not null,
    processed_at timestamp with time zone not null,
    lag_ms       bigint                   not null,
    total_amount numeric(14, 2)           not null,
    currency     varchar(3)               not null,
    items_count  int                      not null
);

create table order_fact_lines (
    order_id uuid           not null references order_facts (order_id),
    line_no  int            not null,
    sku      varchar(40)    not null,
    name     varchar(200),
    quantity int            not null,
    revenue  numeric(14, 2) not null,
    primary key (order_id, line_no)
);
create index order_fact_lines_sku on order_fact_lines (sku);
