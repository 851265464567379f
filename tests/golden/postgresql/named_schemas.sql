-- upgrade
CREATE SCHEMA "Audit";
CREATE SCHEMA billing;
CREATE TYPE billing.status AS ENUM ('open', 'paid');
CREATE SEQUENCE billing.invoice_no AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 NO CYCLE;
CREATE TABLE billing.invoices (
    id integer NOT NULL,
    user_id integer,
    status billing.status DEFAULT 'open'::billing.status,
    no bigint DEFAULT nextval('billing.invoice_no'::regclass),
    CONSTRAINT invoices_pkey PRIMARY KEY (id),
    CONSTRAINT invoices_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE TABLE "Audit".log (
    invoice_id integer,
    CONSTRAINT log_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES billing.invoices (id)
);
CREATE INDEX ix_status ON billing.invoices (status);
CREATE VIEW billing.open_invoices AS SELECT id FROM billing.invoices WHERE status = 'open'::billing.status;
-- downgrade
DROP VIEW billing.open_invoices;
DROP INDEX billing.ix_status;
DROP TABLE "Audit".log;
DROP TABLE billing.invoices;
DROP SEQUENCE billing.invoice_no;
DROP TYPE billing.status;
DROP SCHEMA billing;
DROP SCHEMA "Audit";
