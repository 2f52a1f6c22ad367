#!/usr/bin/env bash
# Makes the credentials of a compose suite (deploy/compose/docker-compose.yml, service `credentials`) in the volumes
# mounted under /credentials, each volume for the container(s) that need it:
#   /credentials/<caller>/   a caller's private key (PKCS#8 PEM) and its public key <name>.pub.pem, for the one
#                            service that signs with it (gateway, secrets, lease, audit, snapshot)
#   /credentials/public/     every caller's public key, for the services that verify them
#   /credentials/postgres/password                      PostgreSQL's password (POSTGRES_PASSWORD_FILE)
#   /credentials/lease-db/spring.datasource.password    the same, for lease-service (Spring Boot's configtree)
#   /credentials/grafana/admin-password                 Grafana's admin password (GF_SECURITY_ADMIN_PASSWORD__FILE)
# Anything already there is kept, so restarts reuse the keys and passwords. Read a password with
#   docker compose run --rm --entrypoint cat credentials /credentials/grafana/admin-password
set -euo pipefail
readonly root=${COFFER_CREDENTIALS_DIR:-/credentials}
readonly service_uid=10001 postgres_uid=999 grafana_uid=472

# Hands a file to the uid of the container that reads it. The container runs as root; run by hand (or by
# deploy/manifests's test) as another user, the files stay that user's.
give() {
	if [[ $(id -u) == 0 ]]; then
		chown "$@"
	fi
}
cd "$(dirname "${BASH_SOURCE[0]}")"

# caller -> private key file name (as deploy/local/run.sh names them; docs/identity.md)
declare -A key_file=(
	[gateway]=signing-key.pem
	[secrets]=secrets-signing-key.pem
	[lease]=lease-signing-key.pem
	[audit]=audit-signing-key.pem
	[snapshot]=snapshot-signing-key.pem
)

mkdir -p "$root/public"
for caller in "${!key_file[@]}"; do
	dir="$root/$caller"
	mkdir -p "$dir"
	if [[ ! -f "$dir/${key_file[$caller]}" ]]; then
		java -cp "${COFFER_SERVICE_SUPPORT_JAR:-coffer-service-support.jar}" \
			"${COFFER_GENERATE_KEY_SOURCE:-GenerateIdentityKey.java}" "$dir/${key_file[$caller]}"
	fi
	public="${key_file[$caller]%.pem}.pub.pem"
	rm -f "$root/public/$public"
	cp "$dir/$public" "$root/public/$public"
	give -R "$service_uid:$service_uid" "$dir"
	chmod 0400 "$dir/${key_file[$caller]}"
	chmod 0444 "$dir/$public" "$root/public/$public"
done

# A random password, once; $1 the file, $2 its owner.
password_file() {
	local file=$1 owner=$2
	mkdir -p "$(dirname "$file")"
	if [[ ! -s $file ]]; then
		(umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' >"$file")
	fi
	give "$owner:$owner" "$file"
	chmod 0400 "$file"
}

password_file "$root/postgres/password" "$postgres_uid"
# lease-service reads the same password (Spring Boot configtree: the file's name is the property).
mkdir -p "$root/lease-db"
rm -f "$root/lease-db/spring.datasource.password"
cp "$root/postgres/password" "$root/lease-db/spring.datasource.password"
give "$service_uid:$service_uid" "$root/lease-db/spring.datasource.password"
chmod 0400 "$root/lease-db/spring.datasource.password"
password_file "$root/grafana/admin-password" "$grafana_uid"
echo "Credentials ready: identity key pairs for ${!key_file[*]}; PostgreSQL and Grafana passwords"
