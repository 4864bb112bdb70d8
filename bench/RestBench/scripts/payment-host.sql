-- A payment of 1 as the host writes it, as bare SQL (not a baseline of the issue; printed for comparison): the lock
-- drawing the payment's id, the idempotency key's first answer, the client; the payment, the invoice, the audit row
-- and the key's answer (the sizes of a real one), in one transaction.
\set id random(1, :clients)
\set key random(1, 9000000000000000000)
BEGIN;
SELECT *, nextval(pg_get_serial_sequence('payments', 'id'))::int AS next_payment_id FROM invoices WHERE id = :id FOR UPDATE \gset p_
SELECT * FROM idempotency_records WHERE scope = 'invoice-payment' AND key = 'pgbench-host-' || :key;
SELECT * FROM clients WHERE id = (SELECT client_id FROM invoices WHERE id = :id) AND deleted_at IS NULL;
INSERT INTO payments (id, invoice_id, amount, payment_date, payment_method, status, idempotency_key, created_at, recorded_by_user_id)
VALUES (:p_next_payment_id, :id, 1, current_date, 'cash', 'success', 'pgbench-host-' || :key, now(), 1);
UPDATE invoices SET amount_paid = amount_paid + 1, updated_at = now() WHERE id = :id;
INSERT INTO audit_log (action, address, at, data, entity_id, entity_type, user_id)
VALUES ('payment.recorded', '127.0.0.1', now(), '{"amount": 1, "method": "cash", "reference": null, "payment_id": 1, "invoice_status": "partially_paid"}', :id::text, 'invoice', 1) RETURNING id;
INSERT INTO idempotency_records (scope, key, created_at, request_hash, response_body, status_code)
VALUES ('invoice-payment', 'pgbench-host-' || :key, now(), repeat('0', 64), repeat('x', 379), 201);
COMMIT;
