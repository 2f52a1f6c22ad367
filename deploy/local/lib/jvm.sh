# shellcheck shell=bash
# How deploy/local/run.sh launches its JVMs: JVM options and an ahead-of-time cache per jar (docs/benchmarks.md,
# "Start-up and warm-up"). Source this file after lib/jdk.sh, call coffer_jvm_prepare once, then use
# "${coffer_jvm_cmd[@]}" built by coffer_jvm_command for each process.
#
# On a JDK with JEP 483/514 (25 and newer) each Spring Boot jar is extracted once (java -Djarmode=tools ... extract:
# the AOT cache needs plain jars on the class path, not jars nested in the Boot jar) and trained once: a run with
# -XX:AOTCacheOutput and -Dspring.context.exit=onRefresh creates the beans (the secrets node on a throw-away
# single-member cluster in the cache dir, without touching any data dir) and exits; later starts map the cache
# with -XX:AOTCache, so classes come loaded and linked, with the training run's method profiles. On JDK 21-24 the
# extracted jar runs with a dynamic AppCDS archive (-XX:+AutoCreateSharedArchive) instead. The cache lives in
# COFFER_JVM_CACHE_DIR (default: .coffer/jvm-cache in the checkout, shared by every data dir) under a name made
# of the jar's size and modification time and the JDK version, so a rebuilt jar or another JDK gets a new one;
# older entries of the same jar are removed. COFFER_AOT=off launches the Boot jars as they are.

# Options for every JVM unless COFFER_JAVA_OPTS replaces them.
coffer_jvm_default_opts() {
	echo "-Xmx512m"
}

# System properties for every service, whatever COFFER_JAVA_OPTS says. COFFER_WARMUP=on turns on the warm-up each
# service runs before it reports ready (coffer.warmup.*): off by default, because with its 2-s budget it added to
# the start-up without a measurable effect on the first requests' latency (docs/benchmarks.md).
coffer_jvm_app_props() {
	[[ ${COFFER_WARMUP:-off} != on ]] || echo "-Dcoffer.warmup.enabled=true"
}

coffer_jvm_java_major() {
	coffer_java_major "$JAVA_HOME/bin/java"
}

# coffer_jvm_entry JAR -> the cache directory of this jar build on this JDK
coffer_jvm_entry() {
	local jar=$1 name
	name=$(basename "$jar" .jar)
	echo "$coffer_jvm_cache_dir/$name/$(stat -c '%s-%Y' "$jar")-jdk$(coffer_jvm_java_major)"
}

# Extracts JAR into its cache entry (once). Prints nothing; fails if extraction fails.
coffer_jvm_extract() {
	local jar=$1 entry name
	entry=$(coffer_jvm_entry "$jar")
	name=$(basename "$jar")
	[[ -f $entry/app/$name ]] && return 0
	# a new build of the jar: drop the entries of older builds
	rm -rf "$(dirname "$entry")"
	mkdir -p "$entry"
	"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$entry/app.tmp" >/dev/null &&
		mv "$entry/app.tmp" "$entry/app"
}

# The training runs under way (run.sh stops them with the rest).
coffer_jvm_training_pids=()

# coffer_jvm_train JAR ARGS... : the training run of JAR (once per entry), in the foreground.
coffer_jvm_train() {
	local jar=$1 entry name
	shift
	entry=$(coffer_jvm_entry "$jar")
	name=$(basename "$jar")
	[[ -f $entry/app.aot ]] && return 0
	rm -rf "$entry/training"
	mkdir -p "$entry/training"
	# In the background so that a TERM to this (background) function stops the training JVM too: run.sh's stop
	# sends one on Ctrl-C, which background jobs of a script never receive themselves.
	# shellcheck disable=SC2046 # word splitting of the properties is intended
	"$JAVA_HOME/bin/java" "${java_opts[@]}" $(coffer_jvm_app_props) -XX:AOTCacheOutput="$entry/app.aot.tmp" \
		-Dspring.context.exit=onRefresh -jar "$entry/app/$name" "$@" >"$entry/training.log" 2>&1 &
	local java_pid=$!
	# shellcheck disable=SC2064 # the pid is fixed now
	trap "kill -TERM $java_pid 2>/dev/null; exit 143" TERM
	if wait "$java_pid" && [[ -f $entry/app.aot.tmp ]]; then
		mv "$entry/app.aot.tmp" "$entry/app.aot"
		rm -rf "$entry/training"
	else
		echo "warning: the AOT training run of $name failed (see $entry/training.log); starting without the cache" >&2
		rm -f "$entry/app.aot.tmp"
		return 1
	fi
}

# coffer_jvm_prepare SECRETS_JAR GATEWAY_JAR VERIFICATION_KEY SIGNING_KEY NODE_PORT HAZELCAST_PORT GATEWAY_PORT
#                    GATEWAY_MANAGEMENT_PORT
# Extracts and trains both jars when their cache is missing (both at once); the ports are the suite's own, free
# at that moment (run.sh checked them), so the training runs collide with nothing.
coffer_jvm_prepare() {
	local s_jar=$1 g_jar=$2 v_key=$3 s_key=$4 node_port=$5 hz_port=$6 g_port=$7 m_port=$8
	local major entry t0 pid failed=false
	coffer_jvm_cache_dir=${COFFER_JVM_CACHE_DIR:-$root_dir/.coffer/jvm-cache}
	coffer_jvm_mode=plain
	[[ ${COFFER_AOT:-on} == off ]] && return 0
	major=$(coffer_jvm_java_major)
	mkdir -p "$coffer_jvm_cache_dir"
	coffer_jvm_extract "$s_jar" && coffer_jvm_extract "$g_jar" || {
		echo "warning: could not extract the jars into $coffer_jvm_cache_dir; starting them as they are" >&2
		return 0
	}
	if ((major < 25)); then
		coffer_jvm_mode=appcds
		return 0
	fi
	if [[ -f $(coffer_jvm_entry "$s_jar")/app.aot && -f $(coffer_jvm_entry "$g_jar")/app.aot ]]; then
		coffer_jvm_mode=aot
		return 0
	fi
	echo "Training the JVMs' ahead-of-time cache (once per build of the jars; cache in $coffer_jvm_cache_dir)..."
	t0=$SECONDS
	entry=$(coffer_jvm_entry "$s_jar")
	coffer_jvm_train "$s_jar" \
		--server.address=127.0.0.1 \
		--server.port="$node_port" \
		--coffer.node.id=training \
		--coffer.node.api-address="http://127.0.0.1:$node_port" \
		--coffer.storage.data-dir="$entry/training/data" \
		--coffer.cluster.name=coffer-aot-training \
		--coffer.cluster.bind-host=127.0.0.1 \
		--coffer.cluster.port="$hz_port" \
		--coffer.cluster.members="127.0.0.1:$hz_port" \
		--coffer.cluster.size=1 \
		--coffer.identity.verification-keys="$v_key" &
	coffer_jvm_training_pids+=($!)
	coffer_jvm_train "$g_jar" \
		--server.port="$g_port" \
		--management.server.port="$m_port" \
		--coffer.identity.signing-key="$s_key" &
	coffer_jvm_training_pids+=($!)
	for pid in "${coffer_jvm_training_pids[@]}"; do
		wait "$pid" || failed=true
	done
	coffer_jvm_training_pids=()
	$failed && return 0
	coffer_jvm_mode=aot
	echo "  trained in $((SECONDS - t0)) s"
}

# coffer_jvm_command JAR : sets the array coffer_jvm_cmd to the java command line (without the app's arguments).
coffer_jvm_command() {
	local jar=$1 entry name props
	entry=$(coffer_jvm_entry "$jar")
	name=$(basename "$jar")
	read -r -a props <<<"$(coffer_jvm_app_props)"
	local mode=$coffer_jvm_mode
	# A jar the cache was not prepared for (e.g. lease-service's, not trained yet) runs as it is.
	[[ $mode == aot && ! -f $entry/app.aot ]] && mode=plain
	[[ $mode == appcds && ! -f $entry/app/$name ]] && mode=plain
	case $mode in
	aot)
		coffer_jvm_cmd=("$JAVA_HOME/bin/java" "${java_opts[@]}" "${props[@]}" -XX:AOTCache="$entry/app.aot" -jar "$entry/app/$name")
		;;
	appcds)
		coffer_jvm_cmd=("$JAVA_HOME/bin/java" "${java_opts[@]}" "${props[@]}" -XX:+AutoCreateSharedArchive
			-XX:SharedArchiveFile="$entry/app.jsa" -jar "$entry/app/$name")
		;;
	*)
		coffer_jvm_cmd=("$JAVA_HOME/bin/java" "${java_opts[@]}" "${props[@]}" -jar "$jar")
		;;
	esac
}
