#!/usr/bin/env bash
# The transit engine's in-process rate (aes256-gcm96, 1 KiB, encrypt and decrypt, no HTTP): compiles the
# secrets-service test classes and runs io.coffer.secrets.engine.transit.TransitInProcessBenchmark.
# Usage: deploy/bench/transit-inprocess.sh [SECONDS]   (measured seconds per operation, default 10)
set -euo pipefail
root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../local/lib/jdk.sh
source "$root_dir/deploy/local/lib/jdk.sh"
coffer_use_jdk

cd "$root_dir"
classpath_file=secrets-service/target/transit-bench.classpath
./mvnw -q -B -DskipTests -pl common,secrets-service test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/transit-bench.classpath -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -Xmx512m \
	-cp "secrets-service/target/test-classes:secrets-service/target/classes:common/target/classes:$(cat "$classpath_file")" \
	io.coffer.secrets.engine.transit.TransitInProcessBenchmark "${1:-10}"
