package io.coffer.secrets.seal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.Hmac;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.support.Base62;
import io.coffer.secrets.token.TokenEntry;

/**
 * Adds a root token to the existing token store, for generate-root.
 *
 * <p>
 * {@code TokenStore} only prepares the first root token, together with a new salt; its
 * general creation API is package-private. Until it offers "a root token under the
 * existing salt", this writes the same records {@code TokenStore.prepareRoot()} does,
 * under the stored salt: the entry at {@code sys/token/id/<hmac(token)>} and the accessor
 * index at {@code sys/token/accessor/<hmac(accessor)>}. The generate-root tests look the
 * new token up through {@code auth/token/lookup-self}, so a layout change there fails
 * them.
 */
final class RootTokenWriter {

	private static final String SALT_PATH = "sys/token/salt";

	private static final String ID_PREFIX = "sys/token/id/";

	private static final String ACCESSOR_PREFIX = "sys/token/accessor/";

	/** {@code hvs.} plus 24 base62 characters: 28, the generate-root OTP length. */
	static final int TOKEN_LENGTH = 28;

	private static final int ACCESSOR_LENGTH = 24;

	private final Barrier barrier;

	private final SecureRandom random;

	private final Clock clock;

	RootTokenWriter(Barrier barrier, SecureRandom random, Clock clock) {
		this.barrier = barrier;
		this.random = random;
		this.clock = clock;
	}

	/** Stores a new root token (no TTL, orphan, policy {@code root}) and returns it. */
	String create() {
		byte[] salt = this.barrier.get(SALT_PATH)
			.orElseThrow(() -> new IllegalStateException("token salt missing from storage"));
		String token = "hvs." + Base62.random(this.random, TOKEN_LENGTH - 4);
		String accessor = Base62.random(this.random, ACCESSOR_LENGTH);
		TokenEntry entry = new TokenEntry(accessor, List.of("root"), "auth/token/root", "root",
				this.clock.instant().getEpochSecond(), 0, 0, true, Map.of());
		String id = Hmac.sha256Hex(salt, token);
		this.barrier.write(List.of(new StorageOp.Put(ID_PREFIX + id, Json.write(entry)),
				new StorageOp.Put(ACCESSOR_PREFIX + Hmac.sha256Hex(salt, accessor),
						Json.write(Map.of("tokenId", id, "accessor", accessor)))));
		return token;
	}

}
