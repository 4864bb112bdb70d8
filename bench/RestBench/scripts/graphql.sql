-- The GraphQL one-client tree in one statement, in the GraphQL answer's shape.
\set id random(1, :clients)
SELECT json_build_object('data', json_build_object('client', json_build_object('clientId', c.id, 'name', c.name,
  'phoneNumber', c.phone_number,
  'status', CASE WHEN c.isolated_at IS NOT NULL THEN 'ISOLATED' WHEN c.status = 'disabled' THEN 'DISABLED' ELSE 'ACTIVE' END,
  'subscriptions', coalesce((
    SELECT json_agg(json_build_object('subscriptionId', s.id, 'startDate', s.start_date, 'endDate', s.end_date,
      'status', upper(s.status),
      'invoices', coalesce((
        SELECT json_agg(json_build_object('invoiceId', i.id, 'number', i.number, 'invoiceDate', i.invoice_date,
          'dueDate', i.due_date, 'totalAmount', i.total_amount, 'amountPaid', i.amount_paid,
          'invoiceStatus', upper(i.status),
          'payments', coalesce((
            SELECT json_agg(json_build_object('paymentId', p.id, 'amount', p.amount, 'paymentDate', p.payment_date,
              'paymentMethod', upper(p.payment_method), 'paymentStatus', upper(p.status), 'reference', p.reference)
              ORDER BY p.payment_date, p.id)
            FROM payments p WHERE p.invoice_id = i.id), '[]'::json)) ORDER BY i.invoice_date, i.id)
        FROM invoices i WHERE i.subscription_id = s.id), '[]'::json)) ORDER BY s.start_date, s.id)
    FROM subscriptions s WHERE s.client_id = c.id), '[]'::json))))::text
FROM clients c WHERE c.id = :id AND c.deleted_at IS NULL;
