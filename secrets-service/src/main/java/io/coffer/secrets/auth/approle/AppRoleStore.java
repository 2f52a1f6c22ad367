package io.coffer.secrets.auth.approle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.barrier.Hmac;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.StorageOp;

/**
 * Roles of one AppRole mount and the index from RoleID to role. RoleIDs, SecretIDs and
 * their accessors appear in storage keys only as HMACs under a per-mount key, so storage
 * never names a credential.
 */
final class AppRoleStore {

	static final String ROLE_PREFIX = "role/";

	static final String ROLE_ID_PREFIX = "role_id/";

	private static final String HMAC_KEY = "hmac_key";

	private final BarrierView view;

	private final SecureRandom random;

	private volatile byte[] hmacKey;

	AppRoleStore(BarrierView view, SecureRandom random) {
		this.view = view;
		this.random = random;
	}

	static String normalize(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (!lower.matches("\\w([\\w.-]*\\w)?") || lower.length() > 128) {
			throw VaultException.badRequest("invalid role name");
		}
		return lower;
	}

	Optional<AppRole> role(String name) {
		return this.view.get(ROLE_PREFIX + name).map((bytes) -> Json.read(bytes, AppRole.class));
	}

	AppRole existing(String name) {
		return role(name).orElseThrow(() -> VaultException.badRequest("role \"" + name + "\" does not exist"));
	}

	List<String> names() {
		return this.view.list(ROLE_PREFIX).stream().filter((key) -> !key.endsWith("/")).toList();
	}

	/** Stores a role, moving its RoleID index when the RoleID changed. */
	synchronized void save(AppRole role, Optional<AppRole> previous) {
		String index = ROLE_ID_PREFIX + hmac(role.roleId());
		Optional<String> owner = this.view.get(index).map((bytes) -> Json.read(bytes, String.class));
		if (owner.isPresent() && !owner.get().equals(role.name())) {
			throw VaultException.badRequest("role_id already in use");
		}
		List<StorageOp> ops = new ArrayList<>();
		previous.filter((old) -> !old.roleId().equals(role.roleId()))
			.ifPresent((old) -> ops.add(new StorageOp.Delete(ROLE_ID_PREFIX + hmac(old.roleId()))));
		ops.add(new StorageOp.Put(ROLE_PREFIX + role.name(), Json.write(role)));
		ops.add(new StorageOp.Put(index, Json.write(role.name())));
		this.view.write(ops);
	}

	synchronized void delete(AppRole role) {
		this.view.write(List.of(new StorageOp.Delete(ROLE_PREFIX + role.name()),
				new StorageOp.Delete(ROLE_ID_PREFIX + hmac(role.roleId()))));
	}

	/** The role a RoleID belongs to. */
	Optional<AppRole> byRoleId(String roleId) {
		return this.view.get(ROLE_ID_PREFIX + hmac(roleId))
			.map((bytes) -> Json.read(bytes, String.class))
			.flatMap(this::role)
			.filter((role) -> MessageDigest.isEqual(role.roleId().getBytes(StandardCharsets.UTF_8),
					roleId.getBytes(StandardCharsets.UTF_8)));
	}

	String newId() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		return new UUID(buffer.getLong(), buffer.getLong()).toString();
	}

	String hmac(String value) {
		return Hmac.sha256Hex(key(), value);
	}

	BarrierView view() {
		return this.view;
	}

	private byte[] key() {
		byte[] current = this.hmacKey;
		if (current == null) {
			synchronized (this) {
				current = this.view.get(HMAC_KEY).orElse(null);
				if (current == null) {
					current = new byte[32];
					this.random.nextBytes(current);
					this.view.put(HMAC_KEY, current);
				}
				this.hmacKey = current;
			}
		}
		return current;
	}

}
