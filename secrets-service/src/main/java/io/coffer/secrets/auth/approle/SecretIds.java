package io.coffer.secrets.auth.approle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.coffer.secrets.core.Json;
import io.coffer.secrets.identity.Cidrs;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.token.Fields;

/**
 * SecretIDs of one AppRole mount, stored under {@code secret_id/<role>/<hmac>} with an
 * accessor index under {@code accessor/<hmac>}. Consuming a use is serialized per
 * SecretID, so a SecretID with n uses logs in at most n times.
 */
final class SecretIds {

	private static final String SECRET_PREFIX = "secret_id/";

	private static final String ACCESSOR_PREFIX = "accessor/";

	private static final int STRIPES = 64;

	private final AppRoleStore store;

	private final Clock clock;

	private final Object[] locks = new Object[STRIPES];

	SecretIds(AppRoleStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new Object();
		}
	}

	/**
	 * Creates a SecretID for the role.
	 * @param given a caller-chosen SecretID ({@code custom-secret-id}), or null
	 * @return Vault's response data: the SecretID (shown once), accessor, TTL and uses
	 */
	Map<String, Object> generate(AppRole role, Fields fields, String given) {
		int uses = fields.has("num_uses") ? fields.integer("num_uses") : role.secretIdNumUses();
		if (uses < 0) {
			throw VaultException.badRequest("num_uses cannot be negative");
		}
		if (role.secretIdNumUses() > 0 && (uses == 0 || uses > role.secretIdNumUses())) {
			throw VaultException.badRequest("num_uses cannot be higher than the role's secret_id_num_uses");
		}
		long ttl = fields.has("ttl") ? fields.seconds("ttl") : role.secretIdTtl();
		if (role.secretIdTtl() > 0 && (ttl == 0 || ttl > role.secretIdTtl())) {
			throw VaultException.badRequest("ttl cannot be longer than the role's secret_id_ttl");
		}
		List<String> cidrs = Cidrs.validate(fields.list("cidr_list"), "cidr_list");
		if (!Cidrs.subset(cidrs, role.secretIdBoundCidrs())) {
			throw VaultException.badRequest("failed to verify the CIDR restrictions set on the secret ID");
		}
		List<String> tokenCidrs = Cidrs.validate(fields.list("token_bound_cidrs"), "token_bound_cidrs");
		if (!Cidrs.subset(tokenCidrs, role.token().boundCidrs())) {
			throw VaultException.badRequest("failed to verify the token CIDR restrictions set on the secret ID");
		}
		String secret = (given != null) ? given : this.store.newId();
		String accessor = this.store.newId();
		long now = this.clock.instant().getEpochSecond();
		SecretId entry = new SecretId(accessor, now, (ttl > 0) ? now + ttl : 0, now, uses, ttl,
				SecretIdMetadata.parse(fields), cidrs, tokenCidrs);
		String key = secretKey(role, this.store.hmac(secret));
		if (given != null && this.store.view().get(key).isPresent()) {
			throw VaultException.badRequest("SecretID is already registered");
		}
		this.store.view()
			.write(List.of(new StorageOp.Put(key, Json.write(entry)), new StorageOp.Put(
					ACCESSOR_PREFIX + this.store.hmac(accessor), Json.write(new AccessorIndex(role.name(), key)))));
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("secret_id", secret);
		data.put("secret_id_accessor", accessor);
		data.put("secret_id_num_uses", uses);
		data.put("secret_id_ttl", ttl);
		return data;
	}

	/**
	 * Takes one use of a SecretID for a login: empty when unknown, expired or used up (an
	 * expired or used-up one is deleted). {@code check} runs on the live entry, under the
	 * SecretID's lock, before its use is taken: when it throws, the SecretID is left as
	 * it was (a login refused for its source address spends nothing).
	 */
	Optional<SecretId> consume(AppRole role, String secret, Consumer<SecretId> check) {
		String key = secretKey(role, this.store.hmac(secret));
		synchronized (this.locks[Math.floorMod(key.hashCode(), STRIPES)]) {
			Optional<SecretId> found = read(key);
			if (found.isEmpty()) {
				return Optional.empty();
			}
			SecretId entry = found.get();
			long now = this.clock.instant().getEpochSecond();
			if (entry.expiredAt(now)) {
				delete(key, entry);
				return Optional.empty();
			}
			check.accept(entry);
			if (entry.numUses() == 1) {
				delete(key, entry);
			}
			else if (entry.numUses() > 1) {
				this.store.view().put(key, Json.write(entry.used(now)));
			}
			return Optional.of(entry);
		}
	}

	/** A live SecretID, by the SecretID itself. */
	Optional<SecretId> lookup(AppRole role, String secret) {
		return read(secretKey(role, this.store.hmac(secret)))
			.filter((entry) -> !entry.expiredAt(this.clock.instant().getEpochSecond()));
	}

	/** A live SecretID, by its accessor. */
	Optional<SecretId> lookupByAccessor(AppRole role, String accessor) {
		return accessorIndex(role, accessor).flatMap((index) -> read(index.secretKey()))
			.filter((entry) -> !entry.expiredAt(this.clock.instant().getEpochSecond()));
	}

	void destroy(AppRole role, String secret) {
		String key = secretKey(role, this.store.hmac(secret));
		read(key).ifPresent((entry) -> delete(key, entry));
	}

	void destroyByAccessor(AppRole role, String accessor) {
		accessorIndex(role, accessor)
			.ifPresent((index) -> read(index.secretKey()).ifPresent((entry) -> delete(index.secretKey(), entry)));
	}

	/** Accessors of the role's live SecretIDs. */
	List<String> accessors(AppRole role) {
		long now = this.clock.instant().getEpochSecond();
		List<String> out = new ArrayList<>();
		for (String key : this.store.view().list(SECRET_PREFIX + role.name() + "/")) {
			read(SECRET_PREFIX + role.name() + "/" + key).filter((entry) -> !entry.expiredAt(now))
				.ifPresent((entry) -> out.add(entry.accessor()));
		}
		out.sort(null);
		return out;
	}

	/** Removes every SecretID of a role (the role is being deleted). */
	void destroyAll(AppRole role) {
		for (String key : this.store.view().list(SECRET_PREFIX + role.name() + "/")) {
			String full = SECRET_PREFIX + role.name() + "/" + key;
			read(full).ifPresent((entry) -> delete(full, entry));
		}
	}

	private Optional<AccessorIndex> accessorIndex(AppRole role, String accessor) {
		return this.store.view()
			.get(ACCESSOR_PREFIX + this.store.hmac(accessor))
			.map((bytes) -> Json.read(bytes, AccessorIndex.class))
			.filter((index) -> index.role().equals(role.name()));
	}

	private Optional<SecretId> read(String key) {
		return this.store.view().get(key).map((bytes) -> Json.read(bytes, SecretId.class));
	}

	private void delete(String key, SecretId entry) {
		this.store.view()
			.write(List.of(new StorageOp.Delete(key),
					new StorageOp.Delete(ACCESSOR_PREFIX + this.store.hmac(entry.accessor()))));
	}

	private static String secretKey(AppRole role, String secretHmac) {
		return SECRET_PREFIX + role.name() + "/" + secretHmac;
	}

	/**
	 * @param role the role the accessor's SecretID belongs to
	 * @param secretKey the SecretID's storage key
	 */
	record AccessorIndex(String role, String secretKey) {
	}

}
