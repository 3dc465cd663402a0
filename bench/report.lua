-- wrk reporter: one JSON line with throughput and latency percentiles (microseconds).
-- BENCH_METHOD / BENCH_BODY / BENCH_CONTENT_TYPE turn the requests into form posts.
-- A "{n}" in the body becomes a number unique to each request: the platform treats an identical
-- form sent again as a double click, which would measure the shortcut instead of the work.
local method = os.getenv("BENCH_METHOD")
local template = nil
if method and method ~= "" then
  wrk.method = method
  wrk.body = os.getenv("BENCH_BODY") or ""
  wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE") or "application/x-www-form-urlencoded"
  if wrk.body:find("{n}", 1, true) then template = wrk.body end
end

local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local sent = 0
request = function()
  if template == nil then return wrk.request() end
  sent = sent + 1
  local unique = string.format("%d-%d-%d", os.time(), thread_id or 0, sent)
  return wrk.format(nil, nil, nil, (template:gsub("{n}", unique)))
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "socket_errors": %d, "bad_status": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
