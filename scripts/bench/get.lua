-- wrk: fetches one invoice (BENCH_PATH=one) or a page of 50 (BENCH_PATH=list).
local config = dofile(os.getenv("BENCH_DIR") .. "/orgs.lua")
local o = config.orgs[1]
local path = "/api/v1/orgs/" .. o.org .. "/invoices"
if os.getenv("BENCH_PATH") == "one" then
  path = path .. "/" .. o.invoice
else
  path = path .. "?limit=50"
end
request = function()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. config.token })
end
