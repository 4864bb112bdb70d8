-- GET /client: every client in one answer (the seed's route, no paging).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.path = "/client"
