-- One request, sent again and again by wrk: the method, header file and body file come from the
-- environment (BENCH_METHOD, BENCH_HEADERS: one "Name: value" per line, BENCH_BODY: raw bytes).
local function read(path)
  local file = assert(io.open(path, "rb"))
  local content = file:read("*a")
  file:close()
  return content
end

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local headers = os.getenv("BENCH_HEADERS")
if headers and headers ~= "" then
  for line in read(headers):gmatch("[^\r\n]+") do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then
      wrk.headers[name] = value
    end
  end
end
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = read(body)
end
