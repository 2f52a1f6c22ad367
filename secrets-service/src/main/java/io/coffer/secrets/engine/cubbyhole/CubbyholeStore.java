package io.coffer.secrets.engine.cubbyhole;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.TokenRevokedEvent;
import io.coffer.secrets.token.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;

/**
 * Per-token private storage: each token's entries live in a folder of their own, named by
 * {@link TokenStore#cubbyholeId} (a salted HMAC of the accessor, never the token), so no
 * path a caller can name reaches another token's folder. A folder is destroyed when its
 * token is revoked, whichever way the revocation came.
 */
public class CubbyholeStore {

	private static final Logger log = LoggerFactory.getLogger(CubbyholeStore.class);

	private final BarrierView view;

	private final TokenStore tokens;

	/**
	 * @param view the cubbyhole mount's view of the barrier
	 * @param tokens names each token's folder
	 */
	public CubbyholeStore(BarrierView view, TokenStore tokens) {
		this.view = view;
		this.tokens = tokens;
	}

	public Optional<Map<String, Object>> read(String accessor, String path) {
		return this.view.get(key(accessor, path)).map(Json::readMap);
	}

	public void write(String accessor, String path, Map<String, Object> data) {
		this.view.put(key(accessor, path), Json.write(data));
	}

	public void delete(String accessor, String path) {
		this.view.delete(key(accessor, path));
	}

	/**
	 * The names directly below a folder ({@code ""} for the top), sub-folders ending in
	 * {@code /}.
	 */
	public List<String> list(String accessor, String folder) {
		String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
		return this.view.list(key(accessor, prefix));
	}

	/** Removes every entry of the token's cubbyhole, in one batch. */
	public void destroy(String accessor) {
		this.view.deleteTree(folder(accessor));
	}

	/**
	 * Runs in the revoking thread, after the token's removal was written. A failure here
	 * must not fail the revocation, which has already happened; it leaves encrypted data
	 * no token can reach.
	 */
	@EventListener
	public void onTokenRevoked(TokenRevokedEvent event) {
		try {
			destroy(event.accessor());
		}
		catch (RuntimeException ex) {
			log.error("Could not destroy the cubbyhole of revoked token accessor {} ({})", event.accessor(),
					ex.getClass().getName());
		}
	}

	private String folder(String accessor) {
		if (accessor == null || accessor.isEmpty()) {
			throw VaultException.permissionDenied();
		}
		return this.tokens.cubbyholeId(accessor) + "/";
	}

	private String key(String accessor, String path) {
		return folder(accessor) + CubbyholePaths.checked(path);
	}

}
