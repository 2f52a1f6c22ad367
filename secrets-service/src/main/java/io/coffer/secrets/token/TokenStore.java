package io.coffer.secrets.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.Hmac;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.support.Base62;

import org.springframework.stereotype.Component;

/**
 * Tokens, stored behind the barrier under an HMAC-SHA256 of the token with a per-cluster
 * salt, so neither storage nor a snapshot holds a usable token. Lookups go by that HMAC;
 * no token is compared in the clear.
 */
@Component
public class TokenStore {

	static final String SALT_PATH = "sys/token/salt";

	static final String ID_PREFIX = "sys/token/id/";

	static final String ACCESSOR_PREFIX = "sys/token/accessor/";

	/** Root tokens are the service prefix plus 24 base62 characters (vault-api.md §3). */
	private static final int TOKEN_BODY_LENGTH = 24;

	private final Barrier barrier;

	private final SecureRandom random;

	private final Clock clock;

	private volatile byte[] salt;

	public TokenStore(Barrier barrier, SecureRandom random, Clock clock) {
		this.barrier = barrier;
		this.random = random;
		this.clock = clock;
	}

	/**
	 * The salt and root token written at init, as one batch for the caller to apply with
	 * the rest of init.
	 */
	public RootTokenBatch prepareRoot() {
		byte[] newSalt = new byte[32];
		this.random.nextBytes(newSalt);
		String token = "hvs." + Base62.random(this.random, TOKEN_BODY_LENGTH);
		String accessor = Base62.random(this.random, TOKEN_BODY_LENGTH);
		TokenEntry entry = new TokenEntry(accessor, List.of("root"), "auth/token/root", "root",
				this.clock.instant().getEpochSecond(), 0, 0, true, Map.of());
		List<StorageOp> ops = List.of(new StorageOp.Put(SALT_PATH, newSalt),
				new StorageOp.Put(ID_PREFIX + hmac(newSalt, token), Json.write(entry)),
				new StorageOp.Put(ACCESSOR_PREFIX + hmac(newSalt, accessor),
						hmac(newSalt, token).getBytes(StandardCharsets.UTF_8)));
		return new RootTokenBatch(token, ops);
	}

	/** The entry of a live token; empty for an unknown, malformed or expired one. */
	public Optional<TokenEntry> lookup(String token) {
		if (token == null || token.isEmpty() || token.length() > 512) {
			return Optional.empty();
		}
		Optional<TokenEntry> entry = this.barrier.get(ID_PREFIX + hmac(salt(), token))
			.map((bytes) -> Json.read(bytes, TokenEntry.class));
		return entry.filter(this::isLive);
	}

	/**
	 * Drops the cached salt (it is re-read on next use); called when the node seals or
	 * changes role.
	 */
	public void reset() {
		this.salt = null;
	}

	private boolean isLive(TokenEntry entry) {
		return entry.ttlSeconds() == 0
				|| this.clock.instant().getEpochSecond() < entry.creationTime() + entry.ttlSeconds();
	}

	private byte[] salt() {
		byte[] current = this.salt;
		if (current == null) {
			current = this.barrier.get(SALT_PATH).orElseThrow(() -> new IllegalStateException("token salt missing"));
			this.salt = current;
		}
		return current;
	}

	private static String hmac(byte[] salt, String value) {
		return Hmac.sha256Hex(salt, value);
	}

	/**
	 * @param token the new root token, to hand to the operator once
	 * @param ops the storage operations that create it
	 */
	public record RootTokenBatch(String token, List<StorageOp> ops) {

		@Override
		public String toString() {
			return "RootTokenBatch[token=<redacted>, " + this.ops.size() + " ops]";
		}

	}

}
