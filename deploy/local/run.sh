#!/usr/bin/env bash
# Starts the whole Coffer suite on this machine: N secrets nodes (one Hazelcast cluster), lease-service with a local
# PostgreSQL, audit-service, snapshot-service, and the gateway on 8200.
# Runs in the foreground; Ctrl-C stops everything it started. See --help.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Names, ports and start order come from deploy/topology.conf, which the e2e launcher reads too.
# shellcheck source=lib/topology.sh
source "$root_dir/deploy/local/lib/topology.sh"
coffer_topology_load "$root_dir/deploy/topology.conf" || exit 1
readonly GATEWAY_PORT=${COFFER_PORT[gateway]}
readonly GATEWAY_MANAGEMENT_PORT=${COFFER_MANAGEMENT_PORT[gateway]}
readonly NODE_PORT_BASE=${COFFER_PORT[secrets]}
readonly LEASE_PORT=${COFFER_PORT[lease]}
readonly LEASE_DB_PORT=${COFFER_PORT[lease-db]}
readonly AUDIT_PORT=${COFFER_PORT[audit]}
readonly SNAPSHOT_PORT=${COFFER_PORT[snapshot]}
readonly HAZELCAST_PORT_BASE=${COFFER_CLUSTER_PORT[secrets]}
readonly DEFAULT_NODES=${COFFER_COUNT[secrets]}
readonly STARTUP_TIMEOUT_SECONDS=${COFFER_STARTUP_TIMEOUT:-300}
readonly STOP_GRACE_SECONDS=20

nodes=$DEFAULT_NODES
data_dir="$root_dir/.coffer/local"
do_init=true
tls_cert=""
tls_key=""
tls_ca=""

usage() {
	cat <<EOF
Usage: deploy/local/run.sh [--nodes N] [--data-dir DIR] [--no-init] [--tls-cert FILE --tls-key FILE [--tls-ca FILE]]

Starts Coffer locally and keeps it in the foreground (Ctrl-C stops every process it started):
  secrets nodes  node1..nodeN on http://127.0.0.1:$NODE_PORT_BASE.. (Hazelcast $HAZELCAST_PORT_BASE..), data in DIR/nodeI
  lease-service  http://127.0.0.1:$LEASE_PORT (leases, expiry, lease-count quotas; reached through the gateway), on a
                 local PostgreSQL at 127.0.0.1:$LEASE_DB_PORT (database coffer_lease, data in DIR/lease-db)
  audit-service  http://127.0.0.1:$AUDIT_PORT (sys/audit devices; delivers the nodes' audit journals, which live in
                 DIR/nodeI/audit-journal; reached through the gateway)
  snapshot-service http://127.0.0.1:$SNAPSHOT_PORT (sys/storage/raft/snapshot-auto: automated snapshots; reached
                 through the gateway)
  gateway        http://127.0.0.1:$GATEWAY_PORT (the Vault API; point VAULT_ADDR here); its actuator (Prometheus,
                 health details) on http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/actuator, loopback only
  logs           DIR/logs/*.log
  identity keys  DIR/identity/signing-key.pem (the gateway's), secrets-signing-key.pem (the nodes'),
                 lease-signing-key.pem (lease-service's), audit-signing-key.pem (audit-service's), each with its
                 .pub.pem: generated on the first start; every service signs its calls with its own
                 key and the receivers refuse calls without a signature of a caller they list (docs/identity.md),
                 so only the gateway's port serves the Vault API

Builds the jars first if they are missing or older than the sources (./mvnw -q -DskipTests package).

First start on an empty DIR: initializes the cluster (5 key shares, threshold 3), writes Vault's init
response (unseal keys and root token) to DIR/init.json (mode 600), unseals, and enables secret/ as a KV v2
mount, as 'vault server -dev' does. Later starts on the same DIR reuse the data and unseal with the keys
from DIR/init.json. init.json holds every key to the data: this is a local development set-up, not a way
to run production.

Options:
  --nodes N       number of secrets nodes (default $DEFAULT_NODES; 1 runs a single node; 3 tolerates losing one)
  --data-dir DIR  where data, logs and init.json live (default .coffer/local in the checkout)
  --no-init       leave a fresh cluster uninitialized (init it yourself: vault operator init)
  --tls-cert FILE the gateway serves HTTPS with this PEM certificate (chain), Vault's tls_cert_file; the file is
                  watched and a renewed certificate is served without a restart (the default is plain HTTP)
  --tls-key FILE  its PEM private key (Vault's tls_key_file); required with --tls-cert
  --tls-ca FILE   the CA that signed the certificate, for this script's own calls and your VAULT_CACERT
                  (default: the certificate itself, right for a self-signed one); the certificate must name
                  127.0.0.1 (an IP SAN), the address this script and VAULT_ADDR use
  -h, --help      show this help

Ports, names and start order: deploy/topology.conf.

Environment:
  JAVA_HOME             a JDK >= 21 to use (otherwise the newest one under /usr/lib/jvm is picked)
  COFFER_JAVA_OPTS      JVM options for every process (default: -Xmx512m)
  COFFER_JVM_CACHE_DIR  where the extracted jars and their AOT cache live (default .coffer/jvm-cache in the
                        checkout; made on the first start of a new build, see deploy/local/lib/jvm.sh)
  COFFER_AOT            off: run the Boot jars as they are, without extraction or AOT cache
  COFFER_WARMUP         on: every service warms up (bounded, scratch data only) before it reports ready
  COFFER_STARTUP_TIMEOUT  seconds to wait for the processes to come up (default 300)
EOF
}

die() {
	echo "error: $*" >&2
	exit 1
}

while (($# > 0)); do
	case $1 in
	--nodes)
		[[ ${2:-} =~ ^[1-9]$ ]] || die "--nodes takes a number from 1 to 9"
		nodes=$2
		shift 2
		;;
	--nodes=*)
		nodes=${1#*=}
		[[ $nodes =~ ^[1-9]$ ]] || die "--nodes takes a number from 1 to 9"
		shift
		;;
	--data-dir)
		[[ -n ${2:-} ]] || die "--data-dir needs a directory"
		data_dir=$2
		shift 2
		;;
	--data-dir=*)
		data_dir=${1#*=}
		shift
		;;
	--no-init)
		do_init=false
		shift
		;;
	--tls-cert | --tls-key | --tls-ca)
		[[ -f ${2:-} ]] || die "$1 needs a readable PEM file"
		file=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
		case $1 in
		--tls-cert) tls_cert=$file ;;
		--tls-key) tls_key=$file ;;
		--tls-ca) tls_ca=$file ;;
		esac
		shift 2
		;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		usage >&2
		die "unknown argument: $1"
		;;
	esac
done

[[ -n $tls_cert && -n $tls_key ]] || [[ -z $tls_cert && -z $tls_key && -z $tls_ca ]] ||
	die "--tls-cert and --tls-key go together (--tls-ca only with them)"

for tool in curl python3; do
	command -v "$tool" >/dev/null || die "$tool is required (apt-get install -y $tool)"
done

# shellcheck source=lib/jdk.sh
source "$root_dir/deploy/local/lib/jdk.sh"
coffer_use_jdk
# shellcheck source=lib/jvm.sh
source "$root_dir/deploy/local/lib/jvm.sh"
java_opts=(${COFFER_JAVA_OPTS:-$(coffer_jvm_default_opts)})

mkdir -p "$data_dir/logs"
data_dir=$(cd "$data_dir" && pwd)
readonly init_file="$data_dir/init.json"
# Every curl of this script gets these options (--cacert only matters for the gateway's HTTPS URL).
curl_tls=()
gateway_tls=()
if [[ -n $tls_cert ]]; then
	readonly gateway_url="https://127.0.0.1:$GATEWAY_PORT"
	tls_ca=${tls_ca:-$tls_cert}
	curl_tls=(--cacert "$tls_ca")
	gateway_tls=(--coffer.gateway.tls.cert-file="$tls_cert" --coffer.gateway.tls.key-file="$tls_key")
else
	readonly gateway_url="http://127.0.0.1:$GATEWAY_PORT"
fi
start_ns=$(date +%s%N)

# --- helpers ---------------------------------------------------------------------------------------------

# Reads one field of the JSON document on stdin: json_field keys.0  -> first element of "keys".
json_field() {
	python3 -c '
import json, sys
value = json.load(sys.stdin)
for part in sys.argv[1].split("."):
    value = value[int(part)] if isinstance(value, list) else value[part]
if isinstance(value, bool):
    print("true" if value else "false")
elif isinstance(value, (dict, list)):
    print(json.dumps(value))
else:
    print(value)
' "$1"
}

# Prints the HTTP status of a request, or 000 when nothing answers.
http_status() {
	curl -s "${curl_tls[@]}" -o /dev/null -w '%{http_code}' --max-time 5 "$@" || true
}

# PUT/POST a JSON body to the gateway; prints the response body, fails with Vault's errors on a non-2xx answer.
vault_write() {
	local method=$1 path=$2 data=$3 response status
	shift 3
	response=$(curl -s "${curl_tls[@]}" -X "$method" -H 'Content-Type: application/json' "$@" -d "$data" \
		-w '\n%{http_code}' "$gateway_url/v1/$path") || die "the gateway did not answer $method $path"
	status=${response##*$'\n'}
	response=${response%$'\n'*}
	[[ $status == 2* ]] || die "$method $path answered HTTP $status: $response"
	printf '%s' "$response"
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

elapsed() {
	local ms=$((($(date +%s%N) - start_ns) / 1000000))
	printf '%d.%03d s' $((ms / 1000)) $((ms % 1000))
}

# --- build -----------------------------------------------------------------------------------------------

secrets_jar="$root_dir/${COFFER_MODULE[secrets]}/target/coffer-${COFFER_MODULE[secrets]}.jar"
gateway_jar="$root_dir/${COFFER_MODULE[gateway]}/target/coffer-${COFFER_MODULE[gateway]}.jar"
lease_jar="$root_dir/${COFFER_MODULE[lease]}/target/coffer-${COFFER_MODULE[lease]}.jar"
audit_jar="$root_dir/${COFFER_MODULE[audit]}/target/coffer-${COFFER_MODULE[audit]}.jar"
snapshot_jar="$root_dir/${COFFER_MODULE[snapshot]}/target/coffer-${COFFER_MODULE[snapshot]}.jar"
support_jar="$root_dir/service-support/target/coffer-service-support.jar"

jar_is_stale() {
	local jar=$1 module=$2
	[[ -f $jar ]] || return 0
	[[ -n $(find "$root_dir/pom.xml" "$root_dir/common" "$root_dir/service-support" "$root_dir/$module" \
		-path '*/target' -prune -o -type f -newer "$jar" -print -quit) ]]
}

if jar_is_stale "$secrets_jar" secrets-service || jar_is_stale "$gateway_jar" gateway ||
	jar_is_stale "$lease_jar" lease-service || jar_is_stale "$audit_jar" audit-service ||
	jar_is_stale "$snapshot_jar" snapshot-service || [[ ! -f $support_jar ]]; then
	echo "Building the jars (./mvnw -q -DskipTests package; the first build downloads dependencies)..."
	(cd "$root_dir" && ./mvnw -q -DskipTests -pl secrets-service,gateway,lease-service,audit-service,snapshot-service -am package)
fi

# --- internal identity keys -----------------------------------------------------------------------------

# One pair per calling service, generated before anything starts so that the services can start in any order;
# kept with the data, so later starts reuse them. Each service signs with its private key; the receivers list
# the callers' public keys.
readonly signing_key="$data_dir/identity/signing-key.pem"
readonly verification_key="$data_dir/identity/signing-key.pub.pem"
readonly node_key="$data_dir/identity/secrets-signing-key.pem"
readonly lease_key="$data_dir/identity/lease-signing-key.pem"
readonly audit_key="$data_dir/identity/audit-signing-key.pem"
readonly snapshot_key="$data_dir/identity/snapshot-signing-key.pem"
for key in "$signing_key" "$node_key" "$lease_key" "$audit_key" "$snapshot_key"; do
	"$JAVA_HOME/bin/java" -cp "$support_jar" "$root_dir/deploy/local/lib/GenerateIdentityKey.java" "$key" ||
		die "could not generate the internal identity key pair at $key"
done

# --- processes -------------------------------------------------------------------------------------------

names=()
pids=()
stopping=false

stop_all() {
	$stopping && return
	stopping=true
	trap - INT TERM
	if ((${#coffer_jvm_training_pids[@]} > 0)); then
		kill -TERM "${coffer_jvm_training_pids[@]}" 2>/dev/null || true
		wait "${coffer_jvm_training_pids[@]}" 2>/dev/null || true
	fi
	((${#pids[@]} > 0)) || return 0
	echo
	echo "Stopping ${names[*]}..."
	local pid deadline
	# The gateway first, so that no client request lands on a half-stopped cluster.
	for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
		kill -TERM "${pids[i]}" 2>/dev/null || true
	done
	deadline=$((SECONDS + STOP_GRACE_SECONDS))
	for pid in "${pids[@]}"; do
		while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
			sleep 0.2
		done
	done
	for i in "${!pids[@]}"; do
		if kill -0 "${pids[i]}" 2>/dev/null; then
			echo "${names[i]} did not stop within ${STOP_GRACE_SECONDS} s; killing it"
			kill -KILL "${pids[i]}" 2>/dev/null || true
		fi
	done
	wait 2>/dev/null || true
	echo "Stopped. Data stays in $data_dir"
}

trap stop_all EXIT
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

launch() {
	local name=$1 jar=$2
	shift 2
	coffer_jvm_command "$jar"
	"${coffer_jvm_cmd[@]}" "$@" >"$data_dir/logs/$name.log" 2>&1 &
	names+=("$name")
	pids+=("$!")
}

ports=("$GATEWAY_PORT" "$GATEWAY_MANAGEMENT_PORT" "$LEASE_PORT" "$LEASE_DB_PORT" "$AUDIT_PORT" "$SNAPSHOT_PORT")
members=()
for ((i = 0; i < nodes; i++)); do
	ports+=($((NODE_PORT_BASE + i)) $((HAZELCAST_PORT_BASE + i)))
	members+=("127.0.0.1:$((HAZELCAST_PORT_BASE + i))")
done
for port in "${ports[@]}"; do
	port_in_use "$port" && die "port $port is already in use (another Coffer, or Vault dev on 8200?)"
done

# Extracts and trains the jars' ahead-of-time cache when it is missing (lib/jvm.sh); uses the ports checked above.
coffer_jvm_prepare "$secrets_jar" "$gateway_jar" "$verification_key" "$signing_key" \
	"$NODE_PORT_BASE" "$HAZELCAST_PORT_BASE" "$GATEWAY_PORT" "$GATEWAY_MANAGEMENT_PORT"

readonly lease_url="http://127.0.0.1:$LEASE_PORT"
readonly audit_url="http://127.0.0.1:$AUDIT_PORT"
readonly snapshot_url="http://127.0.0.1:$SNAPSHOT_PORT"
node_urls=()
for ((i = 0; i < nodes; i++)); do
	id=$(coffer_topology_instance secrets $((i + 1)))
	url="http://127.0.0.1:$((NODE_PORT_BASE + i))"
	node_urls+=("$url")
	mkdir -p "$data_dir/$id"
	launch "$id" "$secrets_jar" \
		--server.address=127.0.0.1 \
		--server.port=$((NODE_PORT_BASE + i)) \
		--coffer.node.id="$id" \
		--coffer.node.api-address="$url" \
		--coffer.storage.data-dir="$data_dir/$id" \
		--coffer.cluster.name=coffer-local \
		--coffer.cluster.bind-host=127.0.0.1 \
		--coffer.cluster.port=$((HAZELCAST_PORT_BASE + i)) \
		--coffer.cluster.members="$(
			IFS=,
			echo "${members[*]}"
		)" \
		--coffer.cluster.size="$nodes" \
		--coffer.identity.verification-keys="$verification_key" \
		--coffer.identity.signing-key="$node_key" \
		--coffer.identity.callers.lease.keys="${lease_key%.pem}.pub.pem" \
		--coffer.identity.callers.audit.keys="${audit_key%.pem}.pub.pem" \
		--coffer.identity.callers.snapshot.keys="${snapshot_key%.pem}.pub.pem" \
		--coffer.lease.urls="$lease_url"
done
# lease-service's database: a real PostgreSQL run from lease-service's jar (the lease-db line of the topology);
# production points lease-service at any PostgreSQL instead (lease-service/README.md).
mkdir -p "$data_dir/lease-db"
names+=(lease-db)
"$JAVA_HOME/bin/java" -Xmx64m -Dloader.main="${COFFER_MAIN[lease-db]}" -cp "$lease_jar" \
	org.springframework.boot.loader.launch.PropertiesLauncher \
	--data-dir "$data_dir/lease-db" --port "$LEASE_DB_PORT" >"$data_dir/logs/lease-db.log" 2>&1 &
pids+=("$!")
launch lease "$lease_jar" \
	--server.address=127.0.0.1 \
	--server.port="$LEASE_PORT" \
	--spring.datasource.url="jdbc:postgresql://127.0.0.1:$LEASE_DB_PORT/coffer_lease" \
	--spring.datasource.username=postgres \
	--spring.datasource.hikari.initialization-fail-timeout=120000 \
	--coffer.lease.nodes="$(
		IFS=,
		echo "${node_urls[*]}"
	)" \
	--coffer.identity.signing-key="$lease_key" \
	--coffer.identity.callers.gateway.keys="$verification_key" \
	--coffer.identity.callers.secrets.keys="${node_key%.pem}.pub.pem"
launch audit "$audit_jar" \
	--server.address=127.0.0.1 \
	--server.port="$AUDIT_PORT" \
	--coffer.audit.nodes="$(
		IFS=,
		echo "${node_urls[*]}"
	)" \
	--coffer.identity.signing-key="$audit_key" \
	--coffer.identity.callers.gateway.keys="$verification_key"
launch snapshot "$snapshot_jar" \
	--server.address=127.0.0.1 \
	--server.port="$SNAPSHOT_PORT" \
	--coffer.snapshot.nodes="$(
		IFS=,
		echo "${node_urls[*]}"
	)" \
	--coffer.identity.signing-key="$snapshot_key" \
	--coffer.identity.callers.gateway.keys="$verification_key"
launch gateway "$gateway_jar" \
	--server.port="$GATEWAY_PORT" \
	--management.server.port="$GATEWAY_MANAGEMENT_PORT" \
	--coffer.identity.signing-key="$signing_key" \
	--coffer.gateway.nodes="$(
		IFS=,
		echo "${node_urls[*]}"
	)" \
	--coffer.gateway.routes.owners.lease.urls="$lease_url" \
	--coffer.gateway.routes.owners.audit.urls="$audit_url" \
	--coffer.gateway.routes.owners.snapshot.urls="$snapshot_url" \
	"${gateway_tls[@]}"
echo "Started ${names[*]} (logs in $data_dir/logs); waiting for them to come up..."

# Waits until check_fn succeeds for process index i, failing fast if that process has exited.
await_process() {
	local i=$1 what=$2 check=$3
	local deadline=$((SECONDS + STARTUP_TIMEOUT_SECONDS))
	until $check; do
		if ! kill -0 "${pids[i]}" 2>/dev/null; then
			echo "${names[i]} exited during start-up; last lines of $data_dir/logs/${names[i]}.log:" >&2
			tail -n 30 "$data_dir/logs/${names[i]}.log" >&2 || true
			exit 1
		fi
		((SECONDS < deadline)) || die "$what is not up after ${STARTUP_TIMEOUT_SECONDS} s; see $data_dir/logs/${names[i]}.log"
		sleep 0.5
	done
}

node_answers() {
	[[ $(http_status "${node_urls[current]}/v1/sys/health") != 000 ]]
}

lease_db_up() {
	port_in_use "$LEASE_DB_PORT"
}

lease_up() {
	[[ $(http_status "$lease_url/actuator/health") == 200 ]]
}

audit_up() {
	[[ $(http_status "$audit_url/actuator/health") == 200 ]]
}

snapshot_up() {
	[[ $(http_status "$snapshot_url/actuator/health") == 200 ]]
}

gateway_up() {
	curl -s "${curl_tls[@]}" --max-time 5 "$gateway_url/readyz" 2>/dev/null | grep -q '"status" *: *"UP"'
}

for ((current = 0; current < nodes; current++)); do
	await_process "$current" "${names[current]}" node_answers
	echo "  ${names[current]} up at ${node_urls[current]} ($(elapsed))"
done
await_process "$nodes" lease-db lease_db_up
echo "  lease-db up at 127.0.0.1:$LEASE_DB_PORT ($(elapsed))"
await_process $((nodes + 1)) lease-service lease_up
echo "  lease-service up at $lease_url ($(elapsed))"
await_process $((nodes + 2)) audit-service audit_up
echo "  audit-service up at $audit_url ($(elapsed))"
await_process $((nodes + 3)) snapshot-service snapshot_up
echo "  snapshot-service up at $snapshot_url ($(elapsed))"
await_process $((nodes + 4)) gateway gateway_up
echo "  gateway up at $gateway_url ($(elapsed))"

# --- init / unseal ---------------------------------------------------------------------------------------

unseal_from_file() {
	local threshold key response sealed=true count=0
	threshold=$(curl -sf "${curl_tls[@]}" "$gateway_url/v1/sys/seal-status" | json_field t)
	for ((k = 0; k < threshold; k++)); do
		key=$(json_field "keys.$k" <"$init_file")
		response=$(vault_write PUT sys/unseal "{\"key\":\"$key\"}")
		sealed=$(json_field sealed <<<"$response")
		count=$((count + 1))
		[[ $sealed == false ]] && break
	done
	[[ $sealed == false ]] || die "still sealed after $count keys from $init_file"
	echo "Unsealed with $count of the keys in $init_file"
}

# Init is acknowledged once a majority of nodes has stored it. A node still behind answers an unseal share with
# 400 "Vault is not initialized" (which the gateway passes on), so wait until every node has caught up.
await_all_initialized() {
	local deadline=$((SECONDS + 60)) url pending
	while true; do
		pending=0
		for url in "${node_urls[@]}"; do
			[[ $(http_status "$url/v1/sys/health") != 501 ]] || pending=$((pending + 1))
		done
		((pending == 0)) && return 0
		((SECONDS < deadline)) || die "$pending node(s) still report not initialized after 60 s; see $data_dir/logs"
		sleep 0.2
	done
}

await_active() {
	local deadline=$((SECONDS + STARTUP_TIMEOUT_SECONDS))
	until [[ $(http_status "$gateway_url/v1/sys/health") == 200 ]]; do
		((SECONDS < deadline)) || die "no active node after ${STARTUP_TIMEOUT_SECONDS} s; see $data_dir/logs"
		sleep 0.5
	done
}

ready=false
if [[ -f $init_file ]]; then
	if [[ $(curl -sf "${curl_tls[@]}" "$gateway_url/v1/sys/seal-status" | json_field sealed) == true ]]; then
		unseal_from_file
	fi
	await_active
	ready=true
elif [[ $(curl -sf "${curl_tls[@]}" "$gateway_url/v1/sys/init" | json_field initialized) == true ]]; then
	echo "This cluster is initialized but $init_file does not exist (initialized by hand?)."
	echo "Unseal it with your own keys: VAULT_ADDR=$gateway_url vault operator unseal"
elif ! $do_init; then
	echo "Left uninitialized (--no-init). Initialize with: VAULT_ADDR=$gateway_url vault operator init"
else
	(
		umask 077
		vault_write PUT sys/init '{"secret_shares":5,"secret_threshold":3}' >"$init_file.tmp"
	) || {
		rm -f "$init_file.tmp"
		exit 1
	}
	chmod 600 "$init_file.tmp"
	mv "$init_file.tmp" "$init_file"
	echo "Initialized (5 key shares, threshold 3); unseal keys and root token saved in $init_file"
	await_all_initialized
	unseal_from_file
	await_active
	root_token=$(json_field root_token <"$init_file")
	# Like Vault's dev mode: a KV v2 engine at secret/ so that 'vault kv put secret/...' works at once.
	vault_write POST sys/mounts/secret '{"type":"kv","options":{"version":"2"}}' \
		-H "X-Vault-Token: $root_token" >/dev/null
	echo "Enabled a KV version 2 secrets engine at secret/ (as vault server -dev does)"
	ready=true
fi

echo
echo "Coffer is up in $(elapsed): gateway $gateway_url, $nodes secrets node(s), lease-service, audit-service, snapshot-service, data in $data_dir"
if $ready; then
	echo
	echo "    export VAULT_ADDR=$gateway_url"
	[[ -z $tls_ca ]] || echo "    export VAULT_CACERT=$tls_ca"
	echo "    export VAULT_TOKEN=$(json_field root_token <"$init_file")"
	echo
fi
echo "Press Ctrl-C to stop."

# --- foreground ------------------------------------------------------------------------------------------

alive() {
	kill -0 "$1" 2>/dev/null
}

reported=()
while true; do
	wait -n 2>/dev/null || true
	$stopping && break
	nodes_alive=0
	for ((i = 0; i < ${#pids[@]}; i++)); do
		if alive "${pids[i]}"; then
			[[ ${names[i]} == gateway ]] || nodes_alive=$((nodes_alive + 1))
		elif [[ -z ${reported[i]:-} ]]; then
			reported[i]=1
			echo "${names[i]} exited unexpectedly; see $data_dir/logs/${names[i]}.log" >&2
		fi
	done
	if ! alive "${pids[nodes]}" || ((nodes_alive == 0)); then
		echo "Nothing left to serve requests; stopping." >&2
		exit 1
	fi
done
