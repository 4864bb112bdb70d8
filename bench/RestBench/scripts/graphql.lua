-- POST /graphql: one random client's nested tree (subscriptions, invoices, payments).
local clients = tonumber(os.getenv("BENCH_CLIENTS"))
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/json"
local query = "query($id:Int!){client(clientId:$id){clientId name phoneNumber status "
  .. "subscriptions{subscriptionId startDate endDate status "
  .. "invoices{invoiceId number invoiceDate dueDate totalAmount amountPaid invoiceStatus "
  .. "payments{paymentId amount paymentDate paymentMethod paymentStatus reference}}}}}"

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function request()
  return wrk.format(nil, "/graphql", nil,
    '{"query":"' .. query .. '","variables":{"id":' .. math.random(1, clients) .. '}}')
end
