-- wrk script for bench/load.sh: the connections of a thread go round the paths in
-- the file $LOAD_PATHS (one per line, written by bench/load.py), each thread
-- starting at another place. done() prints one LOADRESULT line of JSON for load.py to read.
-- An answer other than 2xx counts as an error, as does any socket error.

local threads = {}
-- As browsers do: static files then come compressed.
wrk.headers["Accept-Encoding"] = "gzip, deflate, br"

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("LOAD_PATHS")) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  if #paths == 0 then
    error("no paths in " .. os.getenv("LOAD_PATHS"))
  end
  position = math.floor(id * #paths / 2) % #paths
  non2xx = 0
  first_error = ""
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_error == "" then
      -- wrk does not say which request an answer belongs to: the status only.
      first_error = "HTTP " .. status
    end
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  local example = ""
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
    if example == "" then
      example = thread:get("first_error")
    end
  end
  local e = summary.errors
  io.write(string.format(
    'LOADRESULT {"requests": %d, "seconds": %.3f, "bytes": %d, "p50_ms": %.2f, "p95_ms": %.2f, '
      .. '"p99_ms": %.2f, "max_ms": %.2f, "non2xx": %d, "connect": %d, "read": %d, "write": %d, '
      .. '"timeout": %d, "example": "%s"}\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, non2xx_total, e.connect, e.read, e.write, e.timeout, example
  ))
end
