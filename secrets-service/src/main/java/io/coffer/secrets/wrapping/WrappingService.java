package io.coffer.secrets.wrapping;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.engine.cubbyhole.CubbyholeStore;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.PolicyNames;
import io.coffer.secrets.token.TokenIssuer;
import io.coffer.secrets.token.TokenStore;

import org.springframework.stereotype.Service;

/**
 * Response wrapping as Vault does it: a response is stored in the cubbyhole of a new
 * single-use token and handed out once. The token's one use is the lock: whoever takes it
 * (through {@link TokenStore#use}, serialised per token) is the only one who gets the
 * response; the revocation that follows destroys the cubbyhole.
 */
@Service
public class WrappingService {

	/** Vault's message for an unknown, used, expired or non-wrapping token. */
	static final String INVALID = "wrapping token is not valid or does not exist";

	private static final String RESPONSE = "response";

	private static final String WRAPINFO = "wrapinfo";

	private final TokenStore tokens;

	private final TokenIssuer issuer;

	private final CubbyholeStore cubbyholes;

	private final Clock clock;

	public WrappingService(TokenStore tokens, TokenIssuer issuer, CubbyholeStore cubbyholes, Clock clock) {
		this.tokens = tokens;
		this.issuer = issuer;
		this.cubbyholes = cubbyholes;
		this.clock = clock;
	}

	/**
	 * Stores a response envelope behind a new wrapping token.
	 * @param envelope the response exactly as the client would have received it
	 */
	public WrapInfo wrap(Map<String, Object> envelope, WrapRequest request) {
		return store(envelope, request.creationPath(), request.mountPoint(), request.ttlSeconds());
	}

	/**
	 * The wrapped envelope; the token is spent. Of two concurrent unwraps exactly one
	 * gets it.
	 * @throws VaultException 400 {@value #INVALID}
	 */
	public Map<String, Object> unwrap(String token) {
		TokenEntry entry = wrappingEntry(token);
		Map<String, Object> envelope = envelope(entry);
		spend(token);
		return envelope;
	}

	/**
	 * {@code creation_path}, {@code creation_time}, {@code creation_ttl}; the token is
	 * not spent.
	 */
	public Map<String, Object> lookup(String token) {
		Map<String, Object> info = wrapInfo(wrappingEntry(token));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("creation_path", info.get("creation_path"));
		out.put("creation_time", info.get("creation_time"));
		out.put("creation_ttl", info.get("creation_ttl"));
		return out;
	}

	/**
	 * Moves the wrapped response to a new token with the original TTL and creation path,
	 * spending the old token first so that no two live tokens ever hold it.
	 */
	public WrapInfo rewrap(String token) {
		TokenEntry entry = wrappingEntry(token);
		Map<String, Object> envelope = envelope(entry);
		Map<String, Object> info = wrapInfo(entry);
		spend(token);
		long ttl = ((Number) info.get("creation_ttl")).longValue();
		return store(envelope, (String) info.get("creation_path"), "sys/", ttl);
	}

	private WrapInfo store(Map<String, Object> envelope, String creationPath, String mountPoint, long ttlSeconds) {
		Caller wrapping = this.issuer.wrappingToken(creationPath, mountPoint, ttlSeconds);
		Instant created = this.clock.instant();
		String accessor = wrapping.entry().accessor();
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("creation_ttl", ttlSeconds);
		info.put("creation_time", created.toString());
		info.put("creation_path", creationPath);
		try {
			this.cubbyholes.write(accessor, RESPONSE, Map.of(RESPONSE, envelope));
			this.cubbyholes.write(accessor, WRAPINFO, info);
		}
		catch (RuntimeException ex) {
			// Taking the only use revokes the token, and with it whatever was written.
			try {
				this.tokens.use(wrapping.token());
			}
			catch (RuntimeException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
		return new WrapInfo(wrapping.token(), accessor, ttlSeconds, created, creationPath, wrappedAccessor(envelope));
	}

	private TokenEntry wrappingEntry(String token) {
		return Optional.ofNullable(token)
			.filter((value) -> !value.isEmpty())
			.flatMap(this.tokens::lookup)
			.filter((entry) -> entry.policies().equals(List.of(PolicyNames.RESPONSE_WRAPPING)))
			.orElseThrow(WrappingService::invalid);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> envelope(TokenEntry entry) {
		return this.cubbyholes.read(entry.accessor(), RESPONSE)
			.map((stored) -> (Map<String, Object>) stored.get(RESPONSE))
			.orElseThrow(WrappingService::invalid);
	}

	private Map<String, Object> wrapInfo(TokenEntry entry) {
		return this.cubbyholes.read(entry.accessor(), WRAPINFO).orElseThrow(WrappingService::invalid);
	}

	/**
	 * Takes the token's only use; the taker is told so by the entry's use count of -1.
	 * Anyone else finds the token gone.
	 */
	private void spend(String token) {
		boolean taken = this.tokens.use(token).filter((entry) -> entry.numUses() < 0).isPresent();
		if (!taken) {
			throw invalid();
		}
	}

	/**
	 * The accessor of a token inside the response (a login or token creation), or of an
	 * AppRole secret ID, as Vault reports it.
	 */
	private static String wrappedAccessor(Map<String, Object> envelope) {
		if (envelope.get("auth") instanceof Map<?, ?> auth && auth.get("accessor") instanceof String accessor) {
			return accessor;
		}
		if ("approle".equals(envelope.get("mount_type")) && envelope.get("data") instanceof Map<?, ?> data
				&& data.get("secret_id_accessor") instanceof String accessor) {
			return accessor;
		}
		return "";
	}

	private static VaultException invalid() {
		return VaultException.badRequest(INVALID);
	}

}
