package io.coffer.secrets.engine.database;

import java.util.List;

/**
 * A dynamic role ({@code roles/<name>}): the statements that create, renew, revoke and
 * roll back a user, and its lease TTLs.
 *
 * @param dbName the connection config it uses
 * @param defaultTtlSeconds 0 = the mount's default lease TTL
 * @param maxTtlSeconds 0 = the mount's maximum lease TTL
 */
record DynamicRole(String dbName, List<String> creationStatements, List<String> revocationStatements,
		List<String> rollbackStatements, List<String> renewStatements, long defaultTtlSeconds, long maxTtlSeconds) {

	DynamicRole {
		creationStatements = List.copyOf(creationStatements);
		revocationStatements = List.copyOf(revocationStatements);
		rollbackStatements = List.copyOf(rollbackStatements);
		renewStatements = List.copyOf(renewStatements);
	}

}
