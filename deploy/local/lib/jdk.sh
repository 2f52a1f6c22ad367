# shellcheck shell=bash
# Finds a JDK >= 21 (Coffer compiles with release 21; many machines still default to 17).
# Source this file, then call coffer_use_jdk: it exports JAVA_HOME and puts its bin first on PATH.

coffer_java_major() {
	# "1.8.0_402" -> 1 (too old either way), "17.0.10" -> 17, "25" -> 25
	local line
	line=$("$1" -version 2>&1 | grep -m1 -E 'version "' || true)
	line=${line#*version \"}
	line=${line%%[.\"-]*}
	[[ $line =~ ^[0-9]+$ ]] && echo "$line" || echo 0
}

coffer_find_jdk() {
	local min=${1:-21} best="" best_major=0 dir major candidates=()
	# An explicit JAVA_HOME wins when it is new enough; otherwise take the newest JDK we can find.
	if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/javac ]]; then
		major=$(coffer_java_major "$JAVA_HOME/bin/java")
		if ((major >= min)); then
			echo "$JAVA_HOME"
			return 0
		fi
	fi
	candidates+=(/usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home)
	if command -v javac >/dev/null 2>&1; then
		candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
	fi
	for dir in "${candidates[@]}"; do
		[[ -x $dir/bin/java && -x $dir/bin/javac ]] || continue
		major=$(coffer_java_major "$dir/bin/java")
		if ((major >= min && major > best_major)); then
			best=$dir
			best_major=$major
		fi
	done
	[[ -n $best ]] || return 1
	echo "$best"
}

coffer_use_jdk() {
	local home
	if ! home=$(coffer_find_jdk 21); then
		echo "error: Coffer needs a JDK 21 or newer; none found in JAVA_HOME, /usr/lib/jvm or PATH." >&2
		echo "       Install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
		return 1
	fi
	export JAVA_HOME=$home
	export PATH=$JAVA_HOME/bin:$PATH
}
