#!/usr/bin/env bash
# What a service behind Bulwark keeps of its throughput: each sample server is started with and
# without the gateway, pinned to its own cores, loaded by wrk pinned to others, and the ratio of
# requests per second (with / without) is printed per request. Method: benchmarks/README.md.
#
#   benchmarks/http-bench.sh                  # echo and petstore, about 8 minutes
#   WARMUP=5 DURATION=5 ROUNDS=2 benchmarks/http-bench.sh echo      # about a minute
#   BUSY_NS=2000 benchmarks/http-bench.sh busy  # the echo behind a filter that only spins 2,000 ns, against none
#
# Environment (durations in seconds):
#   WARMUP=20 DURATION=10 ROUNDS=2   warm-up per server and request; each measured run; runs per server
#   SETTLE_MAX=180                   most seconds of further warm-up while a server's JIT still compiles
#   CONNECTIONS=8 WRK_THREADS=1      wrk's connections and threads
#   SERVER_CPUS=0 LOAD_CPUS=1        taskset core lists of the servers and of wrk
#   BUILD=1 MVNW_ARGS=               0 skips the build; extra arguments for ./mvnw (e.g. -o)
#   JAVA_OPTS=                       extra JVM options for the servers (e.g. a flight recording)
#   BUSY_NS=2000                     the busy filter's time per request in the sample "busy", in nanoseconds
# The servers listen on free ports of 127.0.0.1.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HTTP="$ROOT/benchmarks/http"
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
SETTLE_MAX=${SETTLE_MAX:-180}
CONNECTIONS=${CONNECTIONS:-8}
WRK_THREADS=${WRK_THREADS:-1}
SERVER_CPUS=${SERVER_CPUS:-0}
LOAD_CPUS=${LOAD_CPUS:-1}
BUILD=${BUILD:-1}
MVNW_ARGS=${MVNW_ARGS:-}
JAVA_OPTS=${JAVA_OPTS:-}
BUSY_NS=${BUSY_NS:-2000}
SAMPLES=("$@")
[ ${#SAMPLES[@]} -gt 0 ] || SAMPLES=(echo petstore)

ECHO_JAR="$ROOT/samples/echo/target/echo.jar"
PETSTORE_JAR="$ROOT/samples/petstore/target/petstore.jar"
WORK=$(mktemp -d)
PIDS=()
RESULTS=()
PORT=
CLOCK_TICKS=$(getconf CLK_TCK)

cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
    echo "http-bench: $*" >&2
    exit 1
}

require_wrk() {
    command -v wrk >/dev/null && return
    command -v apt-get >/dev/null || fail "wrk is missing and there is no apt-get to install it"
    echo "installing wrk from Debian" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk >/dev/null
}

build() {
    [ "$BUILD" = 1 ] || return 0
    echo "building the samples" >&2
    # shellcheck disable=SC2086
    (cd "$ROOT" && ./mvnw -B -ntp -q $MVNW_ARGS -DskipTests package -pl samples/echo,samples/petstore -am)
}

# start NAME PORT-REGEX COMMAND...: starts a server pinned to SERVER_CPUS on a free port (the
# command asks for port 0) and sets PORT to the one it prints, matched by PORT-REGEX's group.
start() {
    local name=$1 pattern=$2 log
    shift 2
    log="$WORK/$name.log"
    # shellcheck disable=SC2086
    taskset -c "$SERVER_CPUS" java $JAVA_OPTS -jar "$@" >"$log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 240); do
        PORT=$(sed -n "s|.*$pattern.*|\\1|p" "$log" | head -n 1)
        if [ -n "$PORT" ]; then
            return
        fi
        kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$log" >&2; fail "$name did not start"; }
        sleep 0.5
    done
    fail "$name did not start within 2 minutes"
}

stop_all() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    PIDS=()
}

# run SECONDS URL METHOD HEADERS BODY: "requests-per-second requests", failing on any answer but 2xx/3xx.
run() {
    local seconds=$1 url=$2 method=$3 headers=$4 body=$5 out
    out=$(BENCH_METHOD=$method BENCH_HEADERS=$headers BENCH_BODY=$body \
        taskset -c "$LOAD_CPUS" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${seconds}s" -s "$HTTP/request.lua" "$url")
    if grep -q 'Non-2xx or 3xx responses' <<<"$out"; then
        echo "$out" >&2
        fail "$method $url was answered with errors; the benchmark would measure refusals"
    fi
    awk '/^Requests\/sec:/ {rps = $2} / requests in / {requests = $1} END {print rps, requests}' <<<"$out"
}

# CPU time (user and system) a process has used, in clock ticks.
cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$1/stat"
}

# run_on PID SECONDS URL METHOD HEADERS BODY: "requests-per-second cpu-microseconds-per-request".
run_on() {
    local pid=$1 before after result
    shift
    before=$(cpu_ticks "$pid")
    result=$(run "$@")
    after=$(cpu_ticks "$pid")
    awk -v r="$result" -v t="$((after - before))" -v hz="$CLOCK_TICKS" \
        'BEGIN {split(r, f, " "); printf "%s %.1f", f[1], t * 1e6 / hz / f[2]}'
}

# CPU time (clock ticks) the JIT compiler threads of a JVM have used so far: a compile in progress
# counts at once, unlike the JVM's own total, which grows when a compile finishes.
jit_ticks() {
    local task total=0 comm
    for task in /proc/"$1"/task/*; do
        comm=$(cat "$task/comm" 2>/dev/null) || continue
        case $comm in
            "C1 CompilerThre"* | "C2 CompilerThre"*)
                total=$((total + $(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}'))) ;;
        esac
    done
    echo "$total"
}

# settle PID URL METHOD HEADERS BODY: keeps loading a warmed server in 5 s runs while its JIT
# compilers still use more than a twentieth of the time (the petstore with Bulwark compiles for a
# minute and more on one core), for at most SETTLE_MAX seconds, so that only compiled code is
# measured.
settle() {
    local pid=$1 waited=0 before after
    shift
    before=$(jit_ticks "$pid")
    while [ "$waited" -lt "$SETTLE_MAX" ]; do
        run 5 "$@" >/dev/null
        waited=$((waited + 5))
        after=$(jit_ticks "$pid")
        [ $((after - before)) -lt $((CLOCK_TICKS / 4)) ] && break
        before=$after
    done
    [ "$waited" -le 5 ] || echo "   warmed ${waited}s more until the JIT settled" >&2
}

# measure LABEL PATH METHOD HEADERS BODY OFF-PORT OFF-PID ON-PORT ON-PID: warms both servers, then
# alternates measured runs.
measure() {
    local label=$1 path=$2 method=$3 headers=$4 body=$5 off=$6 off_pid=$7 on=$8 on_pid=$9
    local off_rps=0 on_rps=0 off_cpu=0 on_cpu=0 round off_run on_run ratios=""
    echo "== $label: warming up ${WARMUP}s per server" >&2
    run "$WARMUP" "http://127.0.0.1:$off$path" "$method" "$headers" "$body" >/dev/null
    settle "$off_pid" "http://127.0.0.1:$off$path" "$method" "$headers" "$body"
    run "$WARMUP" "http://127.0.0.1:$on$path" "$method" "$headers" "$body" >/dev/null
    settle "$on_pid" "http://127.0.0.1:$on$path" "$method" "$headers" "$body"
    for round in $(seq 1 "$ROUNDS"); do
        # Alternate which server goes first, so that drift in the machine's load falls on both.
        if [ $((round % 2)) -eq 1 ]; then
            off_run=$(run_on "$off_pid" "$DURATION" "http://127.0.0.1:$off$path" "$method" "$headers" "$body")
            on_run=$(run_on "$on_pid" "$DURATION" "http://127.0.0.1:$on$path" "$method" "$headers" "$body")
        else
            on_run=$(run_on "$on_pid" "$DURATION" "http://127.0.0.1:$on$path" "$method" "$headers" "$body")
            off_run=$(run_on "$off_pid" "$DURATION" "http://127.0.0.1:$off$path" "$method" "$headers" "$body")
        fi
        read -r off_round_rps off_round_cpu <<<"$off_run"
        read -r on_round_rps on_round_cpu <<<"$on_run"
        ratios+=" $(awk -v a="$on_round_rps" -v b="$off_round_rps" 'BEGIN {printf "%.2f", a / b}')"
        echo "   round $round: without $off_round_rps req/s ($off_round_cpu us CPU per request)," \
            "with $on_round_rps req/s ($on_round_cpu us)" >&2
        off_rps=$(awk -v s="$off_rps" -v x="$off_round_rps" 'BEGIN {print s + x}')
        on_rps=$(awk -v s="$on_rps" -v x="$on_round_rps" 'BEGIN {print s + x}')
        off_cpu=$(awk -v s="$off_cpu" -v x="$off_round_cpu" 'BEGIN {print s + x}')
        on_cpu=$(awk -v s="$on_cpu" -v x="$on_round_cpu" 'BEGIN {print s + x}')
    done
    RESULTS+=("$(awk -v l="$label" -v a="$on_rps" -v b="$off_rps" -v ca="$on_cpu" -v cb="$off_cpu" -v n="$ROUNDS" \
        -v r="$ratios" 'BEGIN {printf "%-40s %9.0f %9.0f %6.2f %9.1f %9.1f %6.2f  %s", l, b / n, a / n, a / b, cb / n, ca / n, cb / ca, r}')")
}

# compare_echo NAME GET_LABEL POST_LABEL ARGS...: the echo without the gateway against the echo
# started with ARGS, loaded with the GET and the POST.
compare_echo() {
    local name=$1 get_label=$2 post_label=$3
    shift 3
    local headers="$HTTP/api-client.headers" json="$WORK/json.headers"
    local listening='echo listening on http://127.0.0.1:\([0-9]*\)' off on
    start echo-without "$listening" "$ECHO_JAR" --port 0 --no-gateway
    off="$PORT ${PIDS[-1]}"
    start "$name" "$listening" "$ECHO_JAR" --port 0 "$@"
    on="$PORT ${PIDS[-1]}"
    { cat "$headers"; echo "Content-Type: application/json"; } >"$json"
    measure "$get_label" "/api/v1/orders?customer=12345&status=open&limit=20&sort=-created_at&q=oak%20table" \
        GET "$headers" "" $off $on
    measure "$post_label" /api/v1/orders POST "$json" "$HTTP/order-1k.json" $off $on
    stop_all
}

bench_echo() {
    compare_echo echo-with "echo GET, bearer token and cookies" "echo POST, 1 KiB JSON"
}

# The echo without the gateway against the same with a filter that only keeps the CPU busy for
# BUSY_NS per request: what a filter of known cost does to the ratios under this method.
bench_busy() {
    compare_echo echo-busy "echo GET, busy filter $BUSY_NS ns" "echo POST, busy filter $BUSY_NS ns" \
        --no-gateway --busy-filter-ns "$BUSY_NS"
}

bench_petstore() {
    local get="$WORK/petstore-get.headers" post="$WORK/petstore-post.headers" token
    token=$(java -jar "$PETSTORE_JAR" mint-token --minutes 1440)
    local started='Tomcat started on port \([0-9]*\)' off on
    start petstore-without "$started" "$PETSTORE_JAR" --server.port=0 --bulwark.enabled=false
    off="$PORT ${PIDS[-1]}"
    start petstore-with "$started" "$PETSTORE_JAR" --server.port=0
    on="$PORT ${PIDS[-1]}"
    grep -v -e '^Authorization:' -e '^Cookie:' -e '^X-Request-Id:' "$HTTP/api-client.headers" >"$get"
    { cat "$get"; echo "Authorization: Bearer $token"; echo "Content-Type: application/json"; } >"$post"
    # The reads go first: every POST adds a pet, and the list the GET filters grows with them.
    measure "petstore GET /pets?species=dog&limit=5" "/pets?species=dog&limit=5" GET "$get" "" \
        $off $on
    measure "petstore POST /pets, with a token" /pets POST "$post" "$HTTP/new-pet.json" \
        $off $on
    stop_all
}

require_wrk
build
for sample in "${SAMPLES[@]}"; do
    case $sample in
        echo | busy) [ -f "$ECHO_JAR" ] || fail "echo sample not built (run without BUILD=0)" ;;
        petstore) [ -f "$PETSTORE_JAR" ] || fail "petstore sample not built (run without BUILD=0)" ;;
    esac
done
for sample in "${SAMPLES[@]}"; do
    case $sample in
        echo) bench_echo ;;
        petstore) bench_petstore ;;
        busy) bench_busy ;;
        *) fail "unknown sample '$sample' (echo, petstore, busy)" ;;
    esac
done

echo
echo "servers on cores $SERVER_CPUS, wrk -t$WRK_THREADS -c$CONNECTIONS on cores $LOAD_CPUS;" \
    "warm-up ${WARMUP}s and until the JIT settled, $ROUNDS x ${DURATION}s measured per server"
echo "req/s: requests per second; CPU: microseconds of the server's CPU time per request"
printf '%-40s %9s %9s %6s %9s %9s %6s  %s\n' request "req/s w/o" "req/s w/" ratio "CPU w/o" "CPU w/" ratio \
    "per round (req/s)"
printf '%s\n' "${RESULTS[@]}"
