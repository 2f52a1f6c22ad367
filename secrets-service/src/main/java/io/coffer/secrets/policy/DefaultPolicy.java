package io.coffer.secrets.policy;

/**
 * The built-in {@code default} policy, served until an operator stores another text: what
 * every token needs to manage itself, its own identity entity, its cubbyhole and wrapped
 * responses (Vault's text; the OIDC provider's stanzas are left out: Coffer has no OIDC
 * provider).
 */
final class DefaultPolicy {

	static final String NAME = "default";

	static final String TEXT = """
			# Allow tokens to look up their own properties
			path "auth/token/lookup-self" {
			    capabilities = ["read"]
			}

			# Allow tokens to renew themselves
			path "auth/token/renew-self" {
			    capabilities = ["update"]
			}

			# Allow tokens to revoke themselves
			path "auth/token/revoke-self" {
			    capabilities = ["update"]
			}

			# Allow a token to look up its own capabilities on a path
			path "sys/capabilities-self" {
			    capabilities = ["update"]
			}

			# Allow a token to look up its own entity by id or name
			path "identity/entity/id/{{identity.entity.id}}" {
			  capabilities = ["read"]
			}
			path "identity/entity/name/{{identity.entity.name}}" {
			  capabilities = ["read"]
			}

			# Allow a token to look up its resultant ACL from all policies (for UIs)
			path "sys/internal/ui/resultant-acl" {
			    capabilities = ["read"]
			}

			# Allow a token to renew a lease via lease_id in the request body; the old
			# path for old clients, the new one for newer clients
			path "sys/renew" {
			    capabilities = ["update"]
			}
			path "sys/leases/renew" {
			    capabilities = ["update"]
			}

			# Allow looking up lease properties; this needs the lease id and reveals
			# nothing sensitive
			path "sys/leases/lookup" {
			    capabilities = ["update"]
			}

			# Allow a token to manage its own cubbyhole
			path "cubbyhole/*" {
			    capabilities = ["create", "read", "update", "delete", "list"]
			}

			# Allow a token to wrap arbitrary values in a response-wrapping token
			path "sys/wrapping/wrap" {
			    capabilities = ["update"]
			}

			# Allow a token to look up the creation time and TTL of a wrapping token
			path "sys/wrapping/lookup" {
			    capabilities = ["update"]
			}

			# Allow a token to unwrap a response-wrapping token
			path "sys/wrapping/unwrap" {
			    capabilities = ["update"]
			}

			# Allow general purpose tools
			path "sys/tools/hash" {
			    capabilities = ["update"]
			}
			path "sys/tools/hash/*" {
			    capabilities = ["update"]
			}
			""";

	private DefaultPolicy() {
	}

}
