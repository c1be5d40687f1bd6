-- wrk: creates and issues a 3-line invoice per request, round-robin over the businesses in
-- orgs.lua (BENCH_DIR), each connection with the bench owner's API token.
local config = dofile(os.getenv("BENCH_DIR") .. "/orgs.lua")
local n = 0
request = function()
  n = n + 1
  local o = config.orgs[(n % #config.orgs) + 1]
  local body = string.format(
    '{"customer_id":"%s","date":"2026-10-05","issue":true,"lines":[' ..
    '{"item_id":"%s","quantity":"2"},{"item_id":"%s","quantity":"1"},{"item_id":"%s","quantity":"3"}]}',
    o.customer, o.items[1], o.items[2], o.items[3])
  return wrk.format("POST", "/api/v1/orgs/" .. o.org .. "/invoices",
    { ["Authorization"] = "Bearer " .. config.token, ["Content-Type"] = "application/json" }, body)
end
