#!/usr/bin/env bash
# Benchmarks a running local Coffer suite and the limits of its parts; see docs/benchmarks.md and --help.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data_dir="$root_dir/.coffer/local"
start_suite=false
bench_args=()

usage() {
	cat <<EOF
Usage: deploy/bench/run.sh [--data-dir DIR] [--start-suite] [bench options...]

Runs the Coffer benchmark (module bench/) against the suite of deploy/local/run.sh on 127.0.0.1: the OpenBao
mix (90% KV v2 reads / 10% writes at 500 req/s, keep-alive on and off), maximum KV v2 read and write, token
create and transit encrypt and decrypt, and in the same run the limits: the gateway proxying sys/health vs. a node
directly, raw Hazelcast CP commits (an embedded 3-member group) and RocksDB synced writes on this disk.
Prints a table; writes bench-results/<UTC time>.json.

  --data-dir DIR   the suite's data dir (default .coffer/local): the root token is read from DIR/init.json
                   unless VAULT_TOKEN is set, and the RocksDB limit writes to the same disk
  --start-suite    start deploy/local/run.sh --data-dir DIR first, and stop it (by its PID) afterwards;
                   COFFER_JAVA_OPTS is passed on to it (e.g. to record JFR)
  -h, --help       this help, then the benchmark's own options

Builds bench/target/coffer-bench.jar first if it is missing or older than its sources.
EOF
}

die() {
	echo "error: $*" >&2
	exit 1
}

while (($# > 0)); do
	case $1 in
	--data-dir)
		[[ -n ${2:-} ]] || die "--data-dir needs a directory"
		data_dir=$2
		shift 2
		;;
	--start-suite)
		start_suite=true
		shift
		;;
	-h | --help)
		usage
		echo
		bench_args=(--help)
		shift
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

bench_jar="$root_dir/bench/target/coffer-bench.jar"
# bench uses test-support's Vault HTTP client: -am builds it in the same reactor (nothing is installed).
if [[ ! -f $bench_jar || -n $(find "$root_dir/pom.xml" "$root_dir/bench/pom.xml" "$root_dir/bench/src/main" \
	"$root_dir/test-support/pom.xml" "$root_dir/test-support/src/main" -newer "$bench_jar" -print -quit) ]]; then
	echo "Building the benchmark (./mvnw -q -DskipTests -pl bench -am package)..."
	(cd "$root_dir" && ./mvnw -q -DskipTests -pl bench -am package)
fi

if [[ " ${bench_args[*]} " == *" --help "* ]]; then
	exec "$JAVA_HOME/bin/java" -jar "$bench_jar" --help
fi

suite_pid=
stop_suite() {
	if [[ -n $suite_pid ]] && kill -0 "$suite_pid" 2>/dev/null; then
		echo "Stopping the suite (PID $suite_pid)..."
		kill -TERM "$suite_pid"
		wait "$suite_pid" 2>/dev/null || true
	fi
}
trap stop_suite EXIT

if $start_suite; then
	mkdir -p "$data_dir"
	suite_log="$data_dir/suite-run.log"
	"$root_dir/deploy/local/run.sh" --data-dir "$data_dir" >"$suite_log" 2>&1 &
	suite_pid=$!
	echo "Started deploy/local/run.sh (PID $suite_pid, output in $suite_log); waiting until it is up..."
	until grep -q 'Press Ctrl-C to stop' "$suite_log"; do
		kill -0 "$suite_pid" 2>/dev/null || {
			tail -n 20 "$suite_log" >&2
			die "the suite did not start"
		}
		sleep 1
	done
fi

# The gateway and nodes where deploy/topology.conf puts them, unless given.
# shellcheck source=../local/lib/topology.sh
source "$root_dir/deploy/local/lib/topology.sh"
coffer_topology_load "$root_dir/deploy/topology.conf" || exit 1
address_args=()
if [[ -z ${VAULT_ADDR:-} && " ${bench_args[*]} " != *" --addr "* ]]; then
	address_args+=(--addr "http://127.0.0.1:${COFFER_PORT[gateway]}")
fi
if [[ " ${bench_args[*]} " != *" --nodes "* ]]; then
	node_urls=()
	for ((i = 0; i < ${COFFER_COUNT[secrets]}; i++)); do
		node_urls+=("http://127.0.0.1:$((COFFER_PORT[secrets] + i))")
	done
	address_args+=(--nodes "$(
		IFS=,
		echo "${node_urls[*]}"
	)")
fi

token_args=()
if [[ -z ${VAULT_TOKEN:-} ]]; then
	[[ -f $data_dir/init.json ]] || die "no VAULT_TOKEN and no $data_dir/init.json (pass the --data-dir of run.sh)"
	token_args=(--init-file "$data_dir/init.json")
fi
# The JDK HttpClient sends 'Connection: close' (the keep-alive-off mix) only when allowed at start-up.
java_args=(-Xmx1g -Djdk.httpclient.allowRestrictedHeaders=connection --enable-native-access=ALL-UNNAMED)
cd "$root_dir"
"$JAVA_HOME/bin/java" "${java_args[@]}" -jar "$bench_jar" --disk-dir "$data_dir" "${address_args[@]}" "${token_args[@]}" \
	"${bench_args[@]}"
