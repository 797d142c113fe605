create table products (
    sku        varchar(40)    primary key,
    name       varchar(200)   not null,
    unit_price numeric(12, 2) not null check (unit_price >= 0)
);

-- The seed catalog. inventory-service seeds stock for the same SKUs.
insert into products (sku, name, unit_price) values
    ('BOOK-001', 'Designing Data-Intensive Applications', 42.50),
    ('BOOK-002', 'Enterprise Integration Patterns', 55.00),
    ('BOOK-003', 'RabbitMQ in Depth', 39.90),
    ('PEN-001', 'Fountain pen', 18.00),
    ('PEN-002', 'Ballpoint pen, pack of 10', 6.50),
    ('MUG-001', 'Coffee mug "Eventually Consistent"', 12.00),
    ('SHIRT-001', 'T-shirt "Fanout"', 21.00),
    ('BAG-001', 'Canvas tote bag', 15.00),
    ('NOTE-001', 'Dotted notebook A5', 9.90),
    ('LAMP-001', 'Desk lamp', 49.00);
