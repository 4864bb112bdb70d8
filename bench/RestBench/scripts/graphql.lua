-- POST /graphql: one random client's nested tree (subscriptions, invoices, payments).
local clients = tonumber(os.getenv("BENCH_CLIENTS"))
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/json"
local query = "query($id:Int!){client(clientId:$id){clientId name phoneNumber status "
  .. "subscriptions{subscriptionId startDate endDate status "
  .. "invoices{invoiceId number invoiceDate dueDate totalAmount amountPaid invoiceStatus "
  .. "payments{paymentId amount paymentDate paymentMethod paymentStatus reference}}}}}"

-- Every client's request is formatted once per thread: wrk shares the two cores with the host and PostgreSQL, and
-- building the text per request cost CPU the host would otherwise get.
local requests = {}

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
  for id = 1, clients do
    requests[id] = wrk.format(nil, "/graphql", nil, '{"query":"' .. query .. '","variables":{"id":' .. id .. '}}')
  end
end

function request()
  return requests[math.random(1, clients)]
end
