-- A payment of 1 as bare SQL: lock the invoice, insert the payment (with its idempotency key), update the invoice.
\set id random(1, :clients)
\set key random(1, 9000000000000000000)
BEGIN;
SELECT total_amount, amount_paid, status FROM invoices WHERE id = :id FOR UPDATE;
INSERT INTO payments (invoice_id, amount, payment_date, payment_method, status, idempotency_key, created_at)
VALUES (:id, 1, current_date, 'cash', 'success', 'pgbench-' || :key, now());
UPDATE invoices SET amount_paid = amount_paid + 1, status = 'partially_paid', updated_at = now() WHERE id = :id;
COMMIT;
