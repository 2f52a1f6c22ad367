#!/usr/bin/env bash
# In-process figures, no suite and no HTTP: the transit engine (aes256-gcm96, 1 KiB, encrypt and decrypt), the
# ACL decision (cached and uncached) and the internal identity (ES256 sign in the gateway, verify on the node).
# Compiles the test classes of service-support and secrets-service, where these programs live, and runs them in turn.
# Usage: deploy/bench/inprocess.sh [TRANSIT_SECONDS]   (measured seconds per transit operation, default 10)
set -euo pipefail
root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../local/lib/jdk.sh
source "$root_dir/deploy/local/lib/jdk.sh"
coffer_use_jdk

cd "$root_dir"
./mvnw -q -B -DskipTests -pl service-support,secrets-service test-compile dependency:build-classpath \
	-Dmdep.outputFile=target/inprocess-bench.classpath -Dmdep.includeScope=test
classpath="secrets-service/target/test-classes:secrets-service/target/classes:service-support/target/test-classes"
classpath="$classpath:service-support/target/classes:common/target/classes:$(cat secrets-service/target/inprocess-bench.classpath)"
run() {
	"$JAVA_HOME/bin/java" -Xmx512m -cp "$classpath" "$@"
	echo
}
run io.coffer.secrets.engine.transit.TransitInProcessBenchmark "${1:-10}"
run io.coffer.secrets.policy.AclOverheadBenchmark
run io.coffer.support.identity.IdentityCostBenchmark
