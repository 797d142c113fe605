-- Every confirmation email sent, as rendered: what GET /emails shows, in local mode and with SMTP alike.
create table sent_emails (
    id         uuid                     primary key,
    event_id   uuid                     not null unique,
    order_id   uuid                     not null,
    recipient  varchar(320)             not null,
    subject    varchar(500)             not null,
    body       varchar(20000)           not null,
    delivery   varchar(10)              not null,
    sent_at    timestamp with time zone not null
);
create index sent_emails_order on sent_emails (order_id);
create index sent_emails_sent_at on sent_emails (sent_at desc);
