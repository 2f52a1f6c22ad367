package io.coffer.secrets.sys;

import java.util.List;

import io.coffer.secrets.kernel.EnginePaths;
import io.coffer.secrets.kernel.PathSpec;

/**
 * The {@code sys/} paths Vault protects with {@code sudo} on top of the operation's own
 * capability (vault-api.md §0), declared as paths of the system backend, relative to
 * {@code sys/}. {@code sys/policy*} and {@code sys/policies/*} are not among them, nor is
 * {@code sys/storage/raft/snapshot} (Vault asks only {@code read} to save a snapshot);
 * {@code sys/storage/raft/snapshot-auto/config/*} is. The handlers of these paths are
 * still the {@link SystemBackend}'s endpoints; only the sudo flag is declared here so
 * far.
 */
final class SudoPaths {

	static final EnginePaths DECLARED = new EnginePaths(
			List.of(PathSpec.path("remount|audit|audit-verify|config/cors|seal|step-down").requiringSudo(),
					PathSpec
						.path("(auth|audit|audit-stream|config/auditing|revoke-prefix|revoke-force|leases/revoke-prefix"
								+ "|leases/revoke-force|leases/lookup|storage/raft/snapshot-auto/config)/.*")
						.requiringSudo(),
					PathSpec.path("(raw|rotate).*").requiringSudo()));

	private SudoPaths() {
	}

}
