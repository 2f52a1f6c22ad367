package io.coffer.secrets.engine.cubbyhole;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.CallerAware;
import io.coffer.secrets.kernel.EnginePaths;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.TokenStore;

/**
 * Vault's {@code cubbyhole/} mount: a KV v1-like store private to the calling token. It
 * is always mounted, has no mount-table entry, and answers reads without a lease TTL.
 */
public class CubbyholeEngine implements SecretEngine, CallerAware {

	public static final MountEntry MOUNT = new MountEntry("cubbyhole/", "cubbyhole", "per-token private secret storage",
			"cubbyhole_00000000", "00000000-0000-0000-0000-000000000003", MountEntry.MountConfig.DEFAULTS, null);

	/** Where the mount's data lives behind the barrier, as for a table mount. */
	public static final String STORAGE_PREFIX = "logical/" + MOUNT.uuid() + "/";

	private final CubbyholeStore store;

	private final TokenStore tokens;

	/**
	 * One path, any key below the token's folder; {@code patch} is not served (Vault's
	 * cubbyhole has no patch).
	 */
	private final EnginePaths paths = new EnginePaths(List.of(PathSpec.path(".*")
		.on(Operation.READ, this::read)
		.on(Operation.CREATE, this::write)
		.on(Operation.UPDATE, this::write)
		.on(Operation.DELETE, this::delete)
		.on(Operation.LIST, this::list)));

	/**
	 * @param store the per-token storage
	 * @param tokens tells whether a writing token is still live
	 */
	public CubbyholeEngine(CubbyholeStore store, TokenStore tokens) {
		this.store = store;
		this.tokens = tokens;
	}

	/** Only reachable with a caller; the request path always has one. */
	@Override
	public LogicalResponse handle(LogicalRequest request) {
		throw VaultException.permissionDenied();
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		// Only a token has a cubbyhole: refused before the path or operation is looked
		// at.
		accessor(caller);
		return this.paths.handle(request, caller);
	}

	private LogicalResponse read(LogicalRequest request, Caller caller) {
		Map<String, Object> data = this.store.read(accessor(caller), required(request.path()))
			.orElseThrow(VaultException::notFound);
		return LogicalResponse.data(data);
	}

	private LogicalResponse write(LogicalRequest request, Caller caller) {
		return write(caller, required(request.path()), request.data());
	}

	private LogicalResponse delete(LogicalRequest request, Caller caller) {
		this.store.delete(accessor(caller), required(request.path()));
		return LogicalResponse.empty();
	}

	private LogicalResponse list(LogicalRequest request, Caller caller) {
		return list(accessor(caller), request.path());
	}

	/**
	 * The existence check needs the caller, whose cubbyhole decides between create and
	 * update.
	 */
	public boolean exists(LogicalRequest request, Caller caller) {
		String path = request.path();
		return path.isEmpty() || this.store.read(accessor(caller), path).isPresent();
	}

	/**
	 * A token may be revoked while its write runs (its last use taken, or revoked by
	 * another request); its cubbyhole was then destroyed before the write landed.
	 * Checking after writing and destroying again leaves nothing behind in either order.
	 * A write on a token's last use thus ends as in Vault: accepted, and gone with the
	 * token.
	 */
	private LogicalResponse write(Caller caller, String path, Map<String, Object> data) {
		if (data.isEmpty()) {
			throw VaultException.badRequest("missing data fields");
		}
		String accessor = accessor(caller);
		this.store.write(accessor, path, data);
		if (this.tokens.lookup(caller.token()).isEmpty()) {
			this.store.destroy(accessor);
		}
		return LogicalResponse.empty();
	}

	private LogicalResponse list(String accessor, String folder) {
		List<String> keys = this.store.list(accessor, folder);
		if (keys.isEmpty()) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(Map.of("keys", keys));
	}

	private static String accessor(Caller caller) {
		if (caller != null && caller.entry().batch()) {
			// A batch token is not stored and so has no cubbyhole (Vault's 400).
			throw VaultException.badRequest("cubbyhole operations are only supported by \"service\" type tokens");
		}
		if (caller == null || caller.entry().isLoginCaller() || caller.entry().accessor().isEmpty()) {
			throw VaultException.permissionDenied();
		}
		return caller.entry().accessor();
	}

	private static String required(String path) {
		if (path.isEmpty() || path.endsWith("/")) {
			throw VaultException.badRequest("missing path");
		}
		return path;
	}

}
