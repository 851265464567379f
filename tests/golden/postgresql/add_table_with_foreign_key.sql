-- upgrade
CREATE TABLE orders (
    id integer NOT NULL,
    user_id integer NOT NULL,
    total numeric DEFAULT 0 NOT NULL,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_orders_user ON orders (user_id);
-- downgrade
DROP INDEX ix_orders_user;
DROP TABLE orders;
