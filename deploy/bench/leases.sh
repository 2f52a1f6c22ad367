#!/usr/bin/env bash
# The lease benchmark (issue 10) against the running suite of deploy/local/run.sh; see docs/benchmarks.md "Leases".
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data_dir="$root_dir/.coffer/local"

usage() {
	cat <<EOF
Usage: deploy/bench/leases.sh [--data-dir DIR] [options]

Measures, against the suite deploy/local/run.sh --data-dir DIR runs (gateway, lease-service and its PostgreSQL on
the topology's ports): lease-service's heap after GC with --live leases in its table (seeded by SQL; default
1000000), lookup and renew p99 at that size, the rate of database credentials issued through the gateway (each a
new PostgreSQL role with its lease; --prefix of them, default 100000), revoke-prefix of those, and expiry of
--expiry short-lived ones (default 10000, --expiry-ttl 60 s). Targets the local PostgreSQL's 'postgres' database
(--target URL to change), --threads concurrent clients (default 8), --samples lookups/renewals (default 5000).
Prints the figures and writes bench-results/leases-<time>.txt. Leaves the bench-db/ mount; removes the seeded leases.
EOF
}

args=()
while (($# > 0)); do
	case $1 in
	--data-dir)
		[[ -n ${2:-} ]] || {
			echo "error: --data-dir needs a directory" >&2
			exit 2
		}
		data_dir=$2
		shift 2
		;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		args+=("$1")
		shift
		;;
	esac
done

# shellcheck source=../local/lib/jdk.sh
source "$root_dir/deploy/local/lib/jdk.sh"
coffer_use_jdk
# shellcheck source=../local/lib/topology.sh
source "$root_dir/deploy/local/lib/topology.sh"
coffer_topology_load "$root_dir/deploy/topology.conf" || exit 1

bench_jar="$root_dir/bench/target/coffer-bench.jar"
if [[ ! -f $bench_jar || -n $(find "$root_dir/pom.xml" "$root_dir/bench/pom.xml" "$root_dir/bench/src/main" \
	"$root_dir/test-support/pom.xml" "$root_dir/test-support/src/main" -newer "$bench_jar" -print -quit) ]]; then
	echo "Building the benchmark (./mvnw -q -DskipTests -pl bench -am package)..."
	(cd "$root_dir" && ./mvnw -q -DskipTests -pl bench -am package)
fi
[[ -f $data_dir/init.json ]] || {
	echo "error: no $data_dir/init.json: start deploy/local/run.sh --data-dir $data_dir first" >&2
	exit 1
}

cd "$root_dir"
exec "$JAVA_HOME/bin/java" -Xmx1g -jar "$bench_jar" leases \
	--addr "http://127.0.0.1:${COFFER_PORT[gateway]}" \
	--lease-service "http://127.0.0.1:${COFFER_PORT[lease]}" \
	--lease-db "jdbc:postgresql://127.0.0.1:${COFFER_PORT[lease-db]}/coffer_lease" \
	--target "postgresql://{{username}}:{{password}}@127.0.0.1:${COFFER_PORT[lease-db]}/postgres" \
	--init-file "$data_dir/init.json" "${args[@]}"
