package io.coffer.secrets.engine.cubbyhole;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.CallerAware;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
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
		String accessor = accessor(caller);
		String path = request.path();
		return switch (request.operation()) {
			case READ -> {
				Map<String, Object> data = this.store.read(accessor, required(path))
					.orElseThrow(VaultException::notFound);
				yield LogicalResponse.data(data);
			}
			case CREATE, UPDATE -> write(caller, required(path), request.data());
			case DELETE -> {
				this.store.delete(accessor, required(path));
				yield LogicalResponse.empty();
			}
			case LIST -> list(accessor, path);
			case PATCH -> throw VaultException.unsupportedOperation();
		};
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
