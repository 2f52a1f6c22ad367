#!/usr/bin/env bash
# Profiles one benchmark scenario on a running local suite: JFR on the active node and the gateway, and the
# CPU time every process used meanwhile. See docs/benchmarks.md.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data_dir="$root_dir/.coffer/local"
scenario=kv-write
out_dir=
bench_args=()

usage() {
	cat <<EOF
Usage: deploy/bench/profile.sh [--data-dir DIR] [--scenario NAME] [--out DIR] [bench options...]

Against a suite already started by deploy/local/run.sh: starts a JFR recording (settings=profile, via jcmd)
on the active secrets node and on the gateway, runs one benchmark scenario (default kv-write) with
deploy/bench/run.sh, stops the recordings, and prints
  * the CPU seconds each process (gateway, node1..3, the benchmark itself) used during the scenario,
  * the hottest methods of the active node and the gateway (jfr view hot-methods),
  * the active node's samples grouped by the first Coffer/Hazelcast/RocksDB/Jetty frame on the stack.
Recordings are kept in DIR (default bench-results/profile-<UTC time>/).
EOF
}

die() {
	echo "error: $*" >&2
	exit 1
}

while (($# > 0)); do
	case $1 in
	--data-dir)
		data_dir=$2
		shift 2
		;;
	--scenario)
		scenario=$2
		shift 2
		;;
	--out)
		out_dir=$2
		shift 2
		;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		bench_args+=("$1")
		shift
		;;
	esac
done

# shellcheck source=../local/lib/jdk.sh
source "$root_dir/deploy/local/lib/jdk.sh"
coffer_use_jdk
command -v ss >/dev/null || die "ss (iproute2) is required"

out_dir=${out_dir:-$root_dir/bench-results/profile-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)

listener_pid() {
	ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2
}

# Ports and names as deploy/local/run.sh gives them, from deploy/topology.conf.
# shellcheck source=../local/lib/topology.sh
source "$root_dir/deploy/local/lib/topology.sh"
coffer_topology_load "$root_dir/deploy/topology.conf" || exit 1
gateway_port=${COFFER_PORT[gateway]}
first_node_port=${COFFER_PORT[secrets]}
last_node_port=$((first_node_port + COFFER_COUNT[secrets] - 1))

declare -A pids=()
gateway_pid=$(listener_pid "$gateway_port")
[[ -n $gateway_pid ]] || die "nothing listens on $gateway_port: start deploy/local/run.sh first"
pids[gateway]=$gateway_pid
active_pid=
active_name=
for ((port = first_node_port; port <= last_node_port; port++)); do
	pid=$(listener_pid "$port")
	[[ -n $pid ]] || continue
	name=$(coffer_topology_instance secrets $((port - first_node_port + 1)))
	pids[$name]=$pid
	if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/sys/health") == 200 ]]; then
		active_pid=$pid
		active_name=$name
	fi
done
[[ -n $active_pid ]] || die "no active secrets node answers on $first_node_port-$last_node_port"
echo "Active node: $active_name (PID $active_pid); gateway PID $gateway_pid"

cpu_ticks() {
	# utime + stime of a process, in clock ticks
	awk '{print $14 + $15}' "/proc/$1/stat"
}

jcmd_quiet() {
	"$JAVA_HOME/bin/jcmd" "$@" >/dev/null
}

jcmd_quiet "$active_pid" JFR.start name=coffer-bench settings=profile filename="$out_dir/$active_name.jfr"
jcmd_quiet "$gateway_pid" JFR.start name=coffer-bench settings=profile filename="$out_dir/gateway.jfr"
declare -A before=()
for name in "${!pids[@]}"; do
	before[$name]=$(cpu_ticks "${pids[$name]}")
done
start_ns=$(date +%s%N)

"$root_dir/deploy/bench/run.sh" --data-dir "$data_dir" --scenarios "$scenario" --suite-warmup 0s \
	--out "$out_dir" "${bench_args[@]}" &
bench_pid=$!
# the benchmark JVM is a child of run.sh; sample its CPU time just before it ends
bench_ticks=0
while kill -0 "$bench_pid" 2>/dev/null; do
	java_pid=$(pgrep -P "$bench_pid" -f coffer-bench.jar || true)
	if [[ -n $java_pid ]]; then
		bench_ticks=$(cpu_ticks "$java_pid" 2>/dev/null || echo "$bench_ticks")
	fi
	sleep 0.5
done
wait "$bench_pid"
elapsed_ns=$(($(date +%s%N) - start_ns))

jcmd_quiet "$active_pid" JFR.stop name=coffer-bench
jcmd_quiet "$gateway_pid" JFR.stop name=coffer-bench

hz=$(getconf CLK_TCK)
seconds=$(awk -v ns="$elapsed_ns" 'BEGIN { printf "%.1f", ns / 1e9 }')
echo
echo "CPU time during the scenario (${seconds} s wall, $(nproc) cores = $(awk -v s="$seconds" -v n="$(nproc)" 'BEGIN { printf "%.1f", s * n }') core-seconds):"
for name in gateway node1 node2 node3; do
	[[ -n ${pids[$name]:-} ]] || continue
	ticks=$(($(cpu_ticks "${pids[$name]}") - before[$name]))
	awk -v n="$name" -v t="$ticks" -v hz="$hz" -v s="$seconds" 'BEGIN { printf "  %-8s %6.1f s  (%3.0f%% of one core)\n", n, t / hz, 100 * t / hz / s }'
done
awk -v t="$bench_ticks" -v hz="$hz" -v s="$seconds" 'BEGIN { printf "  %-8s %6.1f s  (%3.0f%% of one core, incl. its start)\n", "bench", t / hz, 100 * t / hz / s }'

for name in "$active_name" gateway; do
	echo
	echo "== $name: hot methods (top frames of jdk.ExecutionSample) =="
	"$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$out_dir/$name.jfr" | head -n 30
done

echo
echo "== $active_name: samples by the first Coffer / Hazelcast / RocksDB / web-server frame from the top =="
"$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 64 "$out_dir/$active_name.jfr" |
	python3 "$root_dir/deploy/bench/lib/stack_owners.py"
echo
echo "Recordings: $out_dir"
