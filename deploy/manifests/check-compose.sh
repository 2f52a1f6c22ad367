#!/usr/bin/env bash
# Validates deploy/compose/docker-compose.yml with a real compose parser: Debian's docker-compose (1.29), whose
# `config` checks the file against the compose specification's schema (unknown keys, wrong types and invalid
# depends_on conditions fail) and resolves anchors, merges and paths. Also checks the compose Prometheus
# configuration with promtool when it is installed (deploy/prometheus installs it). Run by `./mvnw verify`
# (this directory's pom.xml); fails, never skips, when docker-compose is missing. No Docker engine is needed or
# used: nothing is built or started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# On Debian/Ubuntu the build installs docker-compose itself (without the Docker engine it recommends), as
# deploy/prometheus/check-rules.sh installs promtool; elsewhere it fails with what to install.
if ! command -v docker-compose >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo_cmd=()
  if [[ "$(id -u)" != 0 ]] && command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo -n); fi
  if [[ "$(id -u)" == 0 || ${#sudo_cmd[@]} -gt 0 ]]; then
    echo "docker-compose not found: installing Debian's docker-compose package (without the Docker engine)"
    "${sudo_cmd[@]}" apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends docker-compose || true
  fi
fi
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "ERROR: docker-compose not found on PATH; deploy/compose/docker-compose.yml cannot be validated." >&2
  echo "       Install it with: apt-get install -y --no-install-recommends docker-compose   (Debian/Ubuntu)" >&2
  exit 1
fi
echo "Using $(docker-compose version --short 2>/dev/null || docker-compose version | head -n1)"

# Compose interpolates ${...} from the environment: run with an empty one, so that the file must not need any.
env -i PATH="$PATH" HOME="${HOME:-/tmp}" docker-compose -f deploy/compose/docker-compose.yml config -q
echo "deploy/compose/docker-compose.yml: valid (docker-compose config)"

if command -v promtool >/dev/null 2>&1; then
  # The compose Prometheus mounts deploy/prometheus/rules next to its configuration: check them together.
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cp deploy/compose/prometheus.yml "$work/"
  cp -r deploy/prometheus/rules "$work/rules"
  promtool check config "$work/prometheus.yml"
fi
