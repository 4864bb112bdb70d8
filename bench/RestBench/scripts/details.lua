-- GET /client/{id}/details for a random seeded client, as the bench user.
local clients = tonumber(os.getenv("BENCH_CLIENTS"))
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function request()
  return wrk.format("GET", "/client/" .. math.random(1, clients) .. "/details")
end
