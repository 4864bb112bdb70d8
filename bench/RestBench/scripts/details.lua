-- GET /client/{id}/details for a random seeded client, as the bench user.
local clients = tonumber(os.getenv("BENCH_CLIENTS"))
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

-- Every client's request is formatted once per thread (see graphql.lua).
local requests = {}

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
  for id = 1, clients do requests[id] = wrk.format("GET", "/client/" .. id .. "/details") end
end

function request()
  return requests[math.random(1, clients)]
end
