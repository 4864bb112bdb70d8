-- POST /invoices/{id}/payments of 1 on a random seeded invoice, each with a fresh Idempotency-Key.
local invoices = tonumber(os.getenv("BENCH_CLIENTS"))
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"amount":1,"payment_method":"cash"}'
local prefix, sent

function init(args)
  -- Every thread has its own Lua state: the address of a fresh table tells them apart, BENCH_RUN the runs.
  prefix = os.getenv("BENCH_RUN") .. "-" .. tostring({}):sub(8) .. "-"
  sent = 0
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function request()
  sent = sent + 1
  wrk.headers["Idempotency-Key"] = prefix .. sent
  return wrk.format(nil, "/invoices/" .. math.random(1, invoices) .. "/payments")
end
