#!/usr/bin/env bash
# Checks Coffer's Prometheus files and unit-tests the alert rules with promtool (Debian package `prometheus`).
# Run by `./mvnw verify` (this directory's pom.xml); fails, never skips, when promtool is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# On Debian/Ubuntu the build installs promtool itself (Debian's prometheus package), so `./mvnw verify` works on a
# fresh clone as the README says; elsewhere it fails with what to install.
if ! command -v promtool >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  sudo_cmd=()
  if [[ "$(id -u)" != 0 ]] && command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo -n); fi
  if [[ "$(id -u)" == 0 || ${#sudo_cmd[@]} -gt 0 ]]; then
    echo "promtool not found: installing Debian's prometheus package"
    "${sudo_cmd[@]}" apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq prometheus || true
  fi
fi
if ! command -v promtool >/dev/null 2>&1; then
  echo "ERROR: promtool not found on PATH; the alert rules cannot be tested." >&2
  echo "       Install it with: apt-get install -y prometheus   (Debian/Ubuntu; .ci/run does this)" >&2
  echo "       or put the promtool of a Prometheus release (2.42 or newer) on PATH." >&2
  exit 1
fi
echo "Using $(promtool --version 2>&1 | head -n1)"

promtool check rules rules/*.yml
promtool check config --syntax-only prometheus.yml
promtool test rules tests/*.test.yml

status=0
# Every alert has tests, and every runbook it links exists in the repository.
for alert in $(sed -n 's/^ *- alert: *//p' rules/*.yml); do
  if ! grep -q "alertname: ${alert}\$" tests/*.test.yml; then
    echo "ERROR: alert ${alert} has no promtool test in tests/" >&2
    status=1
  fi
done
# Every recorded Vault name is evaluated in a test (its value and labels checked).
for record in $(sed -n 's/^ *- record: *//p' rules/vault-compat.rules.yml | sort -u); do
  if ! grep -Eq "^ *- expr: .*\b${record}\b" tests/vault-compat.rules.test.yml; then
    echo "ERROR: recording rule ${record} has no promtool test in tests/vault-compat.rules.test.yml" >&2
    status=1
  fi
done
for runbook in $(sed -n 's/^ *runbook_url: *"\(.*\)"$/\1/p' rules/*.yml | sort -u); do
  if [[ ! -f "../../${runbook}" ]]; then
    echo "ERROR: runbook ${runbook} does not exist" >&2
    status=1
  fi
done
exit "$status"
