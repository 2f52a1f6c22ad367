#!/usr/bin/env bash
# Measures start-up and warm-up of the local suite (deploy/local/run.sh): launch -> ready, then the OpenBao mix
# per second from the first second, then kill -9 of the active node -> new active, and the mix again. See --help.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data_dir=/tmp/coffer-startup
phases=fresh,restart
seconds=30
rate=500
per_second=false
repeat=1

usage() {
	cat <<EOF
Usage: deploy/bench/startup.sh [--data-dir DIR] [--phases fresh,restart] [--seconds N] [--rate N] [--per-second]

For each phase: starts deploy/local/run.sh --data-dir DIR (phase 'fresh' deletes DIR first; 'restart' reuses
what the previous phase left), records the seconds from launch to GET http://127.0.0.1:8200/v1/sys/health
answering 200 (an unsealed active node behind the gateway) and to run.sh printing that it is up (on a fresh DIR
that includes init and mounting secret/), then sends the OpenBao mix (90 % KV v2 reads / 10 % writes, RATE/s,
keep-alive, no warm-up) for N seconds and records read p50/p99 per second; then kills the active node with
kill -9, records the seconds until the gateway answers 200 again from another node, and sends the mix for N
seconds more. Stops the suite (by run.sh's PID) after each phase. Prints a table at the end.

Needs built jars (run.sh and bench/): build first, this script does not (timings exclude the build).
Run it alone on the machine: 'flock /tmp/coffer-mvn.lock deploy/bench/startup.sh'. COFFER_JAVA_OPTS and the
other run.sh variables pass through.

  --data-dir DIR     default /tmp/coffer-startup (deleted by the phase 'fresh')
  --phases LIST      fresh, restart or both (default fresh,restart)
  --seconds N        length of each mix (default 30)
  --rate N           requests per second of the mix (default 500)
  --per-second       print every second's line (default: only the summaries)
  --repeat N         send the mix after ready N times in a row (default 1): the later rounds show the suite warm
EOF
}

die() {
	echo "error: $*" >&2
	exit 1
}

while (($# > 0)); do
	case $1 in
	--data-dir) data_dir=$2; shift 2 ;;
	--phases) phases=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--rate) rate=$2; shift 2 ;;
	--per-second) per_second=true; shift ;;
	--repeat) repeat=$2; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; die "unknown argument: $1" ;;
	esac
done

# shellcheck source=../local/lib/jdk.sh
source "$root_dir/deploy/local/lib/jdk.sh"
coffer_use_jdk

bench_jar="$root_dir/bench/target/coffer-bench.jar"
for jar in "$bench_jar" "$root_dir/secrets-service/target/coffer-secrets-service.jar" \
	"$root_dir/gateway/target/coffer-gateway.jar"; do
	[[ -f $jar ]] || die "$jar is missing: build first (./mvnw -q -DskipTests -pl secrets-service,gateway,bench -am package)"
done

gateway=http://127.0.0.1:8200
suite_pid=
results=()

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

secs_since() {
	local ms=$(($(now_ms) - $1))
	printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

status() {
	curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" || true
}

stop_suite() {
	if [[ -n $suite_pid ]] && kill -0 "$suite_pid" 2>/dev/null; then
		kill -TERM "$suite_pid"
		wait "$suite_pid" 2>/dev/null || true
	fi
	suite_pid=
}
trap stop_suite EXIT

leader_url() {
	curl -s --max-time 2 "$gateway/v1/sys/leader" |
		python3 -c 'import json,sys; print(json.load(sys.stdin).get("leader_address",""))' 2>/dev/null || true
}

probe() {
	local label=$1 out
	out=$("$JAVA_HOME/bin/java" -Xmx512m -jar "$bench_jar" warmup-probe --init-file "$data_dir/init.json" \
		--rate "$rate" --seconds "$seconds" --label "$label")
	if $per_second; then
		echo "$out"
	else
		grep '^SUMMARY' <<<"$out"
	fi
	grep '^SUMMARY' <<<"$out" >>"$summary_file"
}

summary_file=$(mktemp)

run_phase() {
	local phase=$1 t0 ready_s up_s kill_t failover_s old new pid log
	[[ $phase == fresh ]] && rm -rf "$data_dir"
	mkdir -p "$data_dir"
	log="$data_dir/startup-$phase.log"
	echo "== $phase: deploy/local/run.sh --data-dir $data_dir"
	t0=$(now_ms)
	"$root_dir/deploy/local/run.sh" --data-dir "$data_dir" >"$log" 2>&1 &
	suite_pid=$!
	until [[ $(status "$gateway/v1/sys/health") == 200 ]]; do
		kill -0 "$suite_pid" 2>/dev/null || {
			tail -n 20 "$log" >&2
			die "run.sh exited"
		}
		sleep 0.1
	done
	ready_s=$(secs_since "$t0")
	until grep -q 'Press Ctrl-C to stop' "$log"; do
		kill -0 "$suite_pid" 2>/dev/null || die "run.sh exited; see $log"
		sleep 0.1
	done
	up_s=$(secs_since "$t0")
	echo "   launch -> health 200: $ready_s s; launch -> run.sh up: $up_s s"
	grep -E '^  .* up at |Coffer is up|trained in|Training' "$log" | sed 's/^/   run.sh: /'
	probe "$phase-after-ready"
	for ((r = 2; r <= repeat; r++)); do
		probe "$phase-after-ready-round$r"
	done

	old=$(leader_url)
	[[ -n $old ]] || die "no leader address from $gateway/v1/sys/leader"
	pid=$(pgrep -f -- "--coffer.node.api-address=$old .*--coffer.storage.data-dir=$data_dir/" | head -n1 || true)
	[[ -n $pid ]] || die "no process for the active node $old"
	kill_t=$(now_ms)
	kill -KILL "$pid"
	while true; do
		new=$(leader_url)
		[[ -n $new && $new != "$old" && $(status "$gateway/v1/sys/health") == 200 ]] && break
		(($(now_ms) - kill_t < 120000)) || die "no new active node 120 s after killing $old"
		sleep 0.1
	done
	failover_s=$(secs_since "$kill_t")
	echo "   kill -9 of the active node ($old) -> $new active: $failover_s s"
	probe "$phase-after-failover"
	stop_suite
	results+=("| $phase | $ready_s | $up_s | $failover_s |")
}

# The JVMs' AOT cache (deploy/local/lib/jvm.sh) is made once per build of the jars, not per data dir: make it
# here, timed on its own, so that every phase measures a start with the cache (as every start after the first).
train_note="AOT cache: COFFER_AOT=off"
if [[ ${COFFER_AOT:-on} != off ]]; then
	# shellcheck source=../local/lib/jvm.sh
	source "$root_dir/deploy/local/lib/jvm.sh"
	java_opts=(${COFFER_JAVA_OPTS:-$(coffer_jvm_default_opts)})
	keys_dir=$(mktemp -d)
	"$JAVA_HOME/bin/java" -cp "$root_dir/common/target/coffer-common.jar" \
		"$root_dir/deploy/local/lib/GenerateIdentityKey.java" "$keys_dir/signing-key.pem" >/dev/null
	t_train=$(now_ms)
	coffer_jvm_prepare "$root_dir/secrets-service/target/coffer-secrets-service.jar" \
		"$root_dir/gateway/target/coffer-gateway.jar" "$keys_dir/signing-key.pub.pem" "$keys_dir/signing-key.pem" \
		8210 5701 8200 8201
	train_note="AOT cache: $coffer_jvm_mode, extraction + training $(secs_since "$t_train") s (0 when it existed)"
	rm -rf "$keys_dir"
fi
echo "$train_note"

IFS=, read -r -a phase_list <<<"$phases"
for phase in "${phase_list[@]}"; do
	case $phase in
	fresh | restart) run_phase "$phase" ;;
	*) die "unknown phase $phase" ;;
	esac
done

echo
echo "COFFER_JAVA_OPTS=${COFFER_JAVA_OPTS:-<default>} COFFER_AOT=${COFFER_AOT:-on} COFFER_WARMUP=${COFFER_WARMUP:-off}; $(nproc) cores; $(date -u +%FT%TZ)"
echo "$train_note"
echo "| phase | launch -> health 200 (s) | launch -> run.sh up (s) | kill -9 active -> new active (s) |"
echo "|---|---:|---:|---:|"
printf '%s\n' "${results[@]}"
echo
cat "$summary_file"
rm -f "$summary_file"
