-- The side effect of the test consumer. No unique constraint on purpose: a duplicate would show as two rows.
create table test_effects (
    event_id uuid         not null,
    order_id uuid         not null,
    thread   varchar(200) not null,
    -- Which database transaction applied it: shows that a batch shares one.
    tx       uuid         not null,
    -- The correlation id in the logging context while the handler ran.
    correlation_id varchar(200)
);
