#!/usr/bin/env bash
# Throughput of a Python http.server called directly and through the gateway, with wrk.
#
#   samples/gateway/bench.sh                      # builds the gateway jar first
#   BUILD=0 DURATION=20 samples/gateway/bench.sh  # reuses the jar
#
# Environment (durations in seconds):
#   WARMUP=15 DURATION=10          warm-up of the gateway; each measured run
#   CONNECTIONS=8 WRK_THREADS=1    wrk's connections and threads
#   TARGET=/index.html             the path requested (a 1 KiB file the script writes)
#   PROTOCOL=HTTP/1.0              http.server's protocol (Python 3.11+); HTTP/1.1 keeps
#                                  connections open but answers in two writes, which the
#                                  client acknowledges late: about 40 ms a request
#   BUILD=1 MVNW_ARGS=             0 skips the build; extra arguments for ./mvnw (e.g. -o)
# Both servers listen on free ports of 127.0.0.1; the script stops them when it ends.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-8}
WRK_THREADS=${WRK_THREADS:-1}
TARGET=${TARGET:-/index.html}
PROTOCOL=${PROTOCOL:-HTTP/1.0}
BUILD=${BUILD:-1}
MVNW_ARGS=${MVNW_ARGS:-}
JAR="$ROOT/samples/gateway/target/gateway.jar"
WORK=$(mktemp -d)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench: python3 is missing" >&2; exit 1; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() {
    for _ in $(seq 1 120); do
        if curl -s -o /dev/null "http://127.0.0.1:$1$TARGET"; then
            return 0
        fi
        sleep 0.5
    done
    echo "bench: nothing answers on port $1" >&2
    exit 1
}

requests_per_second() {
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${1}s" --latency "http://127.0.0.1:$2$TARGET" | tee "$WORK/wrk.txt" >&2
    if grep -q "Non-2xx" "$WORK/wrk.txt"; then
        echo "bench: some responses were not 2xx or 3xx (see above)" >&2
    fi
    awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt"
}

if [ "$BUILD" = 1 ]; then
    (cd "$ROOT" && ./mvnw -B -q -ntp $MVNW_ARGS -DskipTests package -pl samples/gateway -am)
fi

head -c 1024 /dev/zero | tr '\0' 'a' > "$WORK/index.html"
UPSTREAM_PORT=$(free_port)
GATEWAY_PORT=$(free_port)
python3 -m http.server "$UPSTREAM_PORT" --bind 127.0.0.1 --protocol "$PROTOCOL" --directory "$WORK" \
    >/dev/null 2>&1 &
PIDS+=($!)
java -jar "$JAR" --gateway.upstream="http://127.0.0.1:$UPSTREAM_PORT" --server.port="$GATEWAY_PORT" \
    --server.address=127.0.0.1 >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
wait_for "$UPSTREAM_PORT"
wait_for "$GATEWAY_PORT"

echo "warming up the gateway for ${WARMUP}s" >&2
requests_per_second "$WARMUP" "$GATEWAY_PORT" >/dev/null
echo "upstream directly:" >&2
DIRECT=$(requests_per_second "$DURATION" "$UPSTREAM_PORT")
echo "through the gateway:" >&2
GATEWAY=$(requests_per_second "$DURATION" "$GATEWAY_PORT")
awk -v d="$DIRECT" -v g="$GATEWAY" -v c="$CONNECTIONS" -v t="$TARGET" 'BEGIN {
    printf "GET %s, %d connections: %.0f req/s directly, %.0f req/s through the gateway (%.0f%%)\n", t, c, d, g, 100 * g / d
}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
