-- Every client as one JSON array, the work of GET /client.
SELECT coalesce(json_agg(json_build_object('client_id', c.id, 'name', c.name, 'phone_number', c.phone_number,
  'address', c.address, 'ppp_secret_name', c.ppp_secret_name, 'router_id', c.router_id, 'plan_id', c.plan_id,
  'status', CASE WHEN c.isolated_at IS NOT NULL THEN 'isolated' ELSE c.status END, 'auto_renew', c.auto_renew,
  'provisioning', json_build_object('state', c.provisioning_state, 'last_error', c.provisioning_error),
  'created_at', c.created_at, 'updated_at', c.updated_at) ORDER BY c.id), '[]'::json)::text
FROM clients c WHERE c.deleted_at IS NULL;
