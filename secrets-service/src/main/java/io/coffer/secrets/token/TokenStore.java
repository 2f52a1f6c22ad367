package io.coffer.secrets.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.Hmac;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.identity.ClientAddress;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.support.Base62;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tokens, stored behind the barrier under an HMAC-SHA256 of the token with a per-cluster
 * salt, so neither storage nor a snapshot holds a usable token. Lookups go by that HMAC;
 * no token is compared in the clear. Accessors are indexed the same way, and each child
 * is indexed under its parent so that revoking a parent finds its whole tree. Batch
 * tokens ({@link BatchTokens}) are not stored: each is its own entry, sealed by the
 * barrier.
 */
@Component
public class TokenStore {

	static final String SALT_PATH = "sys/token/salt";

	static final String ID_PREFIX = "sys/token/id/";

	static final String ACCESSOR_PREFIX = "sys/token/accessor/";

	static final String PARENT_PREFIX = "sys/token/parent/";

	/** Root tokens are the service prefix plus 24 base62 characters (vault-api.md §3). */
	private static final int ROOT_BODY_LENGTH = 24;

	/** Vault's newer service tokens are about 95 characters long. */
	private static final int SERVICE_BODY_LENGTH = 91;

	private static final int ACCESSOR_LENGTH = 24;

	/** Bounds the walk up a token's ancestry; real trees are a few levels deep. */
	private static final int MAX_ANCESTRY = 64;

	private final Barrier barrier;

	private final SecureRandom random;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TokenLocks locks = new TokenLocks();

	private final List<TokenListener> listeners = new CopyOnWriteArrayList<>();

	private final TokenRevocation revocation;

	private final BatchTokens batchTokens;

	private volatile byte[] salt;

	public TokenStore(Barrier barrier, SecureRandom random, Clock clock) {
		this(barrier, random, clock, (event) -> {
		});
	}

	@Autowired
	public TokenStore(Barrier barrier, SecureRandom random, Clock clock, ApplicationEventPublisher events) {
		this.barrier = barrier;
		this.random = random;
		this.clock = clock;
		this.events = events;
		this.revocation = new TokenRevocation(this);
		this.batchTokens = new BatchTokens(barrier);
	}

	/**
	 * The salt and root token written at init, as one batch for the caller to apply with
	 * the rest of init.
	 */
	public RootTokenBatch prepareRoot() {
		byte[] newSalt = new byte[32];
		this.random.nextBytes(newSalt);
		RootTokenBatch root = rootRecords(newSalt);
		List<StorageOp> ops = new java.util.ArrayList<>();
		ops.add(new StorageOp.Put(SALT_PATH, newSalt));
		ops.addAll(root.ops());
		return new RootTokenBatch(root.token(), ops);
	}

	/**
	 * Stores one more root token under the existing salt (generate-root) and returns it,
	 * once.
	 */
	public String createRoot() {
		RootTokenBatch root = rootRecords(salt());
		this.barrier.write(root.ops());
		return root.token();
	}

	private RootTokenBatch rootRecords(byte[] salt) {
		String token = "hvs." + Base62.random(this.random, ROOT_BODY_LENGTH);
		String accessor = Base62.random(this.random, ACCESSOR_LENGTH);
		TokenEntry entry = new TokenEntry(accessor, List.of("root"), "auth/token/root", "root",
				this.clock.instant().getEpochSecond(), 0, 0, true, Map.of());
		String id = Hmac.sha256Hex(salt, token);
		return new RootTokenBatch(token,
				List.of(new StorageOp.Put(ID_PREFIX + id, Json.write(entry)),
						new StorageOp.Put(ACCESSOR_PREFIX + Hmac.sha256Hex(salt, accessor),
								Json.write(new AccessorIndex(id, accessor)))));
	}

	/**
	 * The entry of a live token; empty for an unknown, malformed or expired one, or one
	 * whose parent expired. Does not count a use.
	 */
	public Optional<TokenEntry> lookup(String token) {
		this.listeners.forEach(TokenListener::lookedUp);
		return find(token).map(StoredToken::entry);
	}

	/**
	 * Authenticates one request: like {@link #lookup} but takes one use of a token with
	 * {@code num_uses}. The request that takes the last use gets the entry (with
	 * {@code numUses} -1) and the token is revoked before the request runs, so no later
	 * request can use it.
	 */
	public Optional<TokenEntry> use(String token) {
		if (BatchTokens.isBatch(token)) {
			this.listeners.forEach(TokenListener::lookedUp);
			return findBatch(token).map(StoredToken::entry).filter(TokenStore::usableByClient);
		}
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		this.listeners.forEach(TokenListener::lookedUp);
		String id = idOf(token);
		ReentrantLock lock = lock(id);
		lock.lock();
		try {
			Optional<StoredToken> found = findById(id);
			if (found.isPresent() && !usableByClient(found.get().entry())) {
				// Refused before a use is taken: a request from the wrong address spends
				// nothing.
				return Optional.empty();
			}
			if (found.isEmpty() || found.get().entry().numUses() == 0) {
				return found.map(StoredToken::entry);
			}
			TokenEntry entry = found.get().entry();
			if (entry.numUses() < 0) {
				return Optional.empty();
			}
			if (entry.numUses() == 1) {
				revoke(id);
				return Optional.of(entry.withNumUses(-1));
			}
			TokenEntry next = entry.withNumUses(entry.numUses() - 1);
			this.barrier.put(ID_PREFIX + id, Json.write(next));
			return Optional.of(next);
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * The accessor under which a lease obtained by a token with this entry is recorded,
	 * so that revoking that token revokes the lease: the token's own; for a batch token
	 * (no accessor) its parent's, or empty for an orphan batch token, whose leases end
	 * only with their TTL (Vault indexes them the same way).
	 */
	public String leaseOwnerAccessor(TokenEntry entry) {
		if (!entry.batch()) {
			return entry.accessor();
		}
		return entry.parent().isEmpty() ? "" : read(entry.parent()).map(TokenEntry::accessor).orElse("");
	}

	/**
	 * Whether the client of the current request may use a token with this entry: a token
	 * with {@code bound_cidrs} works only from an address inside them (the client address
	 * of the gateway's signed identity), as Vault's {@code CheckToken}.
	 */
	public static boolean usableByClient(TokenEntry entry) {
		return ClientAddress.permitted(entry.boundCidrs());
	}

	/**
	 * Stores a new token built from {@code draft} (its accessor is replaced by a fresh
	 * one) and indexes it under its accessor and parent.
	 * @param customId a caller-chosen token, or null for a random one
	 */
	Issued create(TokenEntry draft, String customId) {
		if (draft.batch()) {
			TokenEntry entry = new TokenEntry("", draft.policies(), draft.path(), draft.displayName(),
					draft.creationTime(), draft.ttlSeconds(), 0, draft.parent().isEmpty(), draft.meta(), draft.parent(),
					draft.expireTime(), 0, 0, 0, draft.ttlSeconds(), false, draft.role(), draft.boundCidrs(), true,
					draft.entityId());
			// Not stored, so not counted by the listeners (their gauges count stored
			// tokens); the creation counter still counts it.
			return new Issued(this.batchTokens.seal(entry), "", entry);
		}
		String token = (customId != null) ? customId : "hvs." + Base62.random(this.random, SERVICE_BODY_LENGTH);
		String accessor = Base62.random(this.random, ACCESSOR_LENGTH);
		TokenEntry entry = new TokenEntry(accessor, draft.policies(), draft.path(), draft.displayName(),
				draft.creationTime(), draft.ttlSeconds(), draft.numUses(), draft.parent().isEmpty(), draft.meta(),
				draft.parent(), draft.expireTime(), 0, draft.explicitMaxTtl(), draft.period(), draft.maxTtl(),
				draft.renewable(), draft.role(), draft.boundCidrs(), false, draft.entityId());
		String id = idOf(token);
		if (customId != null && this.barrier.get(ID_PREFIX + id).isPresent()) {
			throw VaultException.badRequest("cannot create a token with a duplicate ID");
		}
		List<StorageOp> ops = new ArrayList<>();
		ops.add(new StorageOp.Put(ID_PREFIX + id, Json.write(entry)));
		ops.add(new StorageOp.Put(accessorKey(accessor), Json.write(new AccessorIndex(id, accessor))));
		if (!entry.parent().isEmpty()) {
			ops.add(new StorageOp.Put(PARENT_PREFIX + entry.parent() + "/" + id, new byte[0]));
		}
		this.barrier.write(ops);
		this.listeners.forEach((listener) -> listener.created(entry));
		return new Issued(token, id, entry);
	}

	/**
	 * The live token behind {@code token}, with its storage id (empty for a batch token,
	 * which is not stored).
	 */
	Optional<StoredToken> find(String token) {
		if (BatchTokens.isBatch(token)) {
			return findBatch(token);
		}
		return wellFormed(token) ? findById(idOf(token)) : Optional.empty();
	}

	/**
	 * A batch token that opens, has not expired and, unless an orphan, whose parent is
	 * still live: revoking a service token ends the batch tokens it created, as in Vault,
	 * which checks the parent on every use.
	 */
	private Optional<StoredToken> findBatch(String token) {
		Optional<TokenEntry> entry = this.batchTokens.open(token);
		if (entry.isEmpty() || entry.get().expiredAt(now())) {
			return Optional.empty();
		}
		String parent = entry.get().parent();
		if (!parent.isEmpty() && findById(parent).isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new StoredToken("", entry.get()));
	}

	/** The live token behind an accessor. */
	Optional<StoredToken> findByAccessor(String accessor) {
		if (!wellFormed(accessor)) {
			return Optional.empty();
		}
		return this.barrier.get(ACCESSOR_PREFIX + hmac(accessor))
			.map((bytes) -> Json.read(bytes, AccessorIndex.class))
			.flatMap((index) -> findById(index.tokenId()));
	}

	/**
	 * The token behind an accessor as stored, expired or not (an expired token stays
	 * stored until it is revoked).
	 */
	Optional<StoredToken> findStoredByAccessor(String accessor) {
		if (!wellFormed(accessor)) {
			return Optional.empty();
		}
		return this.barrier.get(ACCESSOR_PREFIX + hmac(accessor))
			.map((bytes) -> Json.read(bytes, AccessorIndex.class))
			.flatMap((index) -> read(index.tokenId()).map((entry) -> new StoredToken(index.tokenId(), entry)));
	}

	/** The live token stored under {@code id}: present, unexpired, its ancestry too. */
	Optional<StoredToken> findById(String id) {
		Optional<TokenEntry> entry = read(id);
		if (entry.isEmpty() || !liveWithAncestors(entry.get())) {
			return Optional.empty();
		}
		return Optional.of(new StoredToken(id, entry.get()));
	}

	/** Replaces a token's entry (renewal), under the token's lock. */
	TokenEntry update(String id, UnaryOperator<TokenEntry> change) {
		ReentrantLock lock = lock(id);
		lock.lock();
		try {
			TokenEntry current = read(id).orElseThrow(() -> VaultException.badRequest("token not found"));
			TokenEntry next = change.apply(current);
			this.barrier.put(ID_PREFIX + id, Json.write(next));
			return next;
		}
		finally {
			lock.unlock();
		}
	}

	/** Revokes a token and, recursively, every token created under it. */
	void revoke(String id) {
		this.revocation.revokeTree(id);
	}

	/** Revokes one token and makes its direct children orphans. */
	void revokeOrphan(String id) {
		this.revocation.revokeOrphan(id);
	}

	/**
	 * Every accessor of a stored token, sorted (Vault's {@code auth/token/accessors}).
	 */
	List<String> accessors() {
		List<String> out = new ArrayList<>();
		for (String key : this.barrier.list(ACCESSOR_PREFIX)) {
			this.barrier.get(ACCESSOR_PREFIX + key)
				.map((bytes) -> Json.read(bytes, AccessorIndex.class))
				.ifPresent((index) -> out.add(index.accessor()));
		}
		out.sort(null);
		return out;
	}

	/**
	 * Revokes every token created on a path below {@code pathPrefix} (e.g. all tokens of
	 * a disabled auth method), with their children. Scans all tokens: only for rare
	 * operations.
	 * @return how many tokens were revoked directly
	 */
	public int revokeCreatedUnder(String pathPrefix) {
		return this.revocation.revokeCreatedUnder(pathPrefix);
	}

	/** Every stored entry that is still live; scans all tokens. */
	List<TokenEntry> liveEntries() {
		List<TokenEntry> live = new ArrayList<>();
		for (String id : this.barrier.list(ID_PREFIX)) {
			findById(id).ifPresent((found) -> live.add(found.entry()));
		}
		return live;
	}

	/** Rebuilds listeners' counts from storage (on becoming active, after tidy). */
	void recount() {
		if (this.listeners.isEmpty()) {
			return;
		}
		List<TokenEntry> live = liveEntries();
		this.listeners.forEach((listener) -> listener.recount(live));
	}

	void addListener(TokenListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * The id under which a token's cubbyhole is stored: a salted HMAC of its accessor, so
	 * neither the token nor the accessor appears in storage keys, and a revocation (which
	 * announces the accessor) can find the cubbyhole to destroy.
	 */
	public String cubbyholeId(String accessor) {
		return hmac("cubbyhole/" + accessor);
	}

	/**
	 * Drops the cached salt (it is re-read on next use); called when the node seals or
	 * changes role.
	 */
	public void reset() {
		this.salt = null;
	}

	long now() {
		return this.clock.instant().getEpochSecond();
	}

	String idOf(String token) {
		return hmac(token);
	}

	Optional<TokenEntry> read(String id) {
		return this.barrier.get(ID_PREFIX + id).map((bytes) -> Json.read(bytes, TokenEntry.class));
	}

	Barrier barrier() {
		return this.barrier;
	}

	ReentrantLock lock(String id) {
		return this.locks.forId(id);
	}

	String accessorKey(String accessor) {
		return ACCESSOR_PREFIX + hmac(accessor);
	}

	void announceRevoked(TokenEntry entry) {
		this.listeners.forEach((listener) -> listener.revoked(entry));
		this.events.publishEvent(new TokenRevokedEvent(entry.accessor()));
	}

	private boolean liveWithAncestors(TokenEntry entry) {
		long now = now();
		TokenEntry current = entry;
		for (int depth = 0; depth < MAX_ANCESTRY; depth++) {
			if (current.expiredAt(now)) {
				return false;
			}
			if (current.parent().isEmpty()) {
				return true;
			}
			Optional<TokenEntry> parent = read(current.parent());
			if (parent.isEmpty()) {
				return false;
			}
			current = parent.get();
		}
		return false;
	}

	private static boolean wellFormed(String value) {
		return value != null && !value.isEmpty() && value.length() <= 512;
	}

	private String hmac(String value) {
		return Hmac.sha256Hex(salt(), value);
	}

	private byte[] salt() {
		byte[] current = this.salt;
		if (current == null) {
			current = this.barrier.get(SALT_PATH).orElseThrow(() -> new IllegalStateException("token salt missing"));
			this.salt = current;
		}
		return current;
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

	/**
	 * A token just created.
	 *
	 * @param token the token, shown to its requester once
	 * @param id its storage id
	 * @param entry its entry
	 */
	record Issued(String token, String id, TokenEntry entry) {

		@Override
		public String toString() {
			return "Issued[token=<redacted>, accessor=" + this.entry.accessor() + "]";
		}

	}

	/**
	 * The accessor index: which token an accessor belongs to.
	 *
	 * @param tokenId the token's storage id
	 * @param accessor the accessor, for listing
	 */
	record AccessorIndex(String tokenId, String accessor) {
	}

}
