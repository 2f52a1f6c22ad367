package io.coffer.secrets.engine.database;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.CallerAware;
import io.coffer.secrets.kernel.EnginePaths;
import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathOperation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;

/**
 * The database engine of one mount: serves the paths it declares (see the README's
 * database section), each handed to its path group, and renews and revokes the
 * credentials it issued. It holds its mount's connection pools until {@link #close()}.
 */
final class DatabaseEngine implements SecretEngine, CallerAware {

	private static final String NAME = DatabaseFields.NAME_REGEX;

	private final EngineContext context;

	private final StaticRotation rotation;

	private final DynamicCredentials credentials;

	private final EnginePaths paths;

	DatabaseEngine(EngineContext context) {
		this.context = context;
		this.rotation = new StaticRotation(context);
		this.credentials = new DynamicCredentials(context);
		ConfigPaths config = new ConfigPaths(context);
		RolePaths roles = new RolePaths(context, this.rotation);
		StaticCredsPaths staticCreds = new StaticCredsPaths(context, this.rotation);
		this.paths = new EnginePaths(List.of(
				PathSpec.path("config/?").on(Operation.LIST, (request, caller) -> config.list()),
				writes(PathSpec.path("config/" + NAME), (request, caller) -> config.write(request, name(request)))
					.on(Operation.READ, (request, caller) -> config.read(name(request)))
					.on(Operation.DELETE, (request, caller) -> config.delete(name(request))),
				writes(PathSpec.path("reset/" + NAME), (request, caller) -> config.reset(name(request))),
				writes(PathSpec.path("rotate-root/" + NAME), (request, caller) -> config.rotateRoot(name(request))),
				PathSpec.path("roles/?").on(Operation.LIST, (request, caller) -> roles.list(DatabaseStore.ROLE)),
				writes(PathSpec.path("roles/" + NAME), (request, caller) -> roles.writeRole(request, name(request)))
					.on(Operation.READ, (request, caller) -> roles.readRole(name(request)))
					.on(Operation.DELETE, (request, caller) -> roles.delete(DatabaseStore.ROLE + name(request))),
				PathSpec.path("static-roles/?")
					.on(Operation.LIST, (request, caller) -> roles.list(DatabaseStore.STATIC_ROLE)),
				writes(PathSpec.path("static-roles/" + NAME),
						(request, caller) -> roles.writeStaticRole(request, name(request)))
					.on(Operation.READ, (request, caller) -> roles.readStaticRole(name(request)))
					.on(Operation.DELETE, (request, caller) -> roles.delete(DatabaseStore.STATIC_ROLE + name(request))),
				PathSpec.path("creds/" + NAME)
					.on(Operation.READ,
							(request, caller) -> this.credentials.issue(name(request), displayName(caller),
									request.mount())),
				PathSpec.path("static-creds/" + NAME)
					.on(Operation.READ, (request, caller) -> staticCreds.read(name(request))),
				writes(PathSpec.path("rotate-role/" + NAME), (request, caller) -> staticCreds.rotate(name(request)))));
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		return this.paths.handle(request, null);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		return this.paths.handle(request, caller);
	}

	/**
	 * Vault's existence checks: a write to a config or role that is not stored yet is a
	 * {@code create} (no earlier values to merge with).
	 */
	@Override
	public boolean exists(LogicalRequest request) {
		String[] parts = request.path().split("/", -1);
		if (parts.length != 2 || !DatabaseFields.validName(parts[1])) {
			return true;
		}
		return switch (parts[0]) {
			case "config" -> this.context.store().exists(DatabaseStore.CONFIG + parts[1]);
			case "roles" -> this.context.store().exists(DatabaseStore.ROLE + parts[1]);
			case "static-roles" -> this.context.store().exists(DatabaseStore.STATIC_ROLE + parts[1]);
			default -> true;
		};
	}

	@Override
	public void revokeSecret(Map<String, Object> internalData) {
		this.credentials.revoke(internalData);
	}

	/**
	 * Revokes the credentials of one config together, on one connection
	 * ({@link RevocationBatch}).
	 */
	@Override
	public List<Optional<VaultException>> revokeSecrets(List<Map<String, Object>> secrets) {
		return this.credentials.revokeAll(secrets);
	}

	@Override
	public LeasedSecret renewSecret(LeasedSecret.Renewal renewal) {
		return this.credentials.renew(renewal);
	}

	/** Rotates the static roles whose rotation period has passed. */
	void rotateDueStaticRoles() {
		this.rotation.rotateDue();
	}

	/**
	 * Closes the pools of configs that are gone from storage (e.g. with the whole mount,
	 * whose engine is then no longer asked for anything).
	 */
	void closeUnusedPools() {
		this.context.connections().retainOnly(this.context.store().names(DatabaseStore.CONFIG));
	}

	/** Closes every pool of this mount; the engine serves no more requests. */
	void close() {
		this.context.connections().closeAll();
	}

	private static PathSpec writes(PathSpec path, PathOperation write) {
		return path.on(Operation.CREATE, write).on(Operation.UPDATE, write);
	}

	private static String name(LogicalRequest request) {
		List<String> segments = Arrays.asList(request.path().split("/", -1));
		return segments.get(segments.size() - 1);
	}

	private static String displayName(Caller caller) {
		return (caller != null && caller.entry() != null && caller.entry().displayName() != null)
				? caller.entry().displayName() : "";
	}

}
