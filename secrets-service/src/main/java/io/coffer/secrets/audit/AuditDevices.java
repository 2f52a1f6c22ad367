package io.coffer.secrets.audit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.common.audit.AuditDevice;
import io.coffer.common.audit.AuditDeviceEnable;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The audit device table: the enabled devices with their salts, stored behind the barrier
 * at {@value #TABLE_PATH} (replicated storage, so the node that takes over after a
 * failover has the same devices and salts), read on first use and kept in memory. Only
 * the active node changes it; whenever this node may have missed a change (it became
 * active or standby, was sealed or unsealed) the copy is dropped and read again, as the
 * rate-limit quotas are.
 * <p>
 * Enabling a device gives it a fresh 32-byte salt, so a device enabled again after being
 * disabled hashes differently, as in Vault.
 */
@Component
public class AuditDevices implements HaListener, SmartInitializingSingleton {

	static final String TABLE_PATH = "core/audit";

	private static final int SALT_BYTES = 32;

	private final Barrier barrier;

	private final HaCluster ha;

	private final SecureRandom random;

	/** Null until read (again) from storage; by path, in enabling order. */
	private volatile Map<String, EnabledDevice> devices;

	AuditDevices(Barrier barrier, HaCluster ha, SecureRandom random) {
		this.barrier = barrier;
		this.ha = ha;
		this.random = random;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.ha.addListener(this);
	}

	@Override
	public void becameActive() {
		this.devices = null;
	}

	@Override
	public void becameStandby() {
		this.devices = null;
	}

	@EventListener
	void onSealEvent(SealEvent event) {
		this.devices = null;
	}

	/** The enabled devices with their salts, in the order they were enabled. */
	public List<EnabledDevice> enabled() {
		return List.copyOf(current().values());
	}

	/** The enabled devices without their salts, as audit-service lists them. */
	public List<AuditDevice> list() {
		return current().values().stream().map(EnabledDevice::device).toList();
	}

	public Optional<EnabledDevice> get(String path) {
		return Optional.ofNullable(current().get(normalize(path)));
	}

	/**
	 * Enables a device at {@code path} with a fresh salt.
	 * @throws VaultException 400 {@code path already in use} when a device is there
	 */
	public synchronized EnabledDevice enable(String path, AuditDeviceEnable request) {
		String normalized = normalize(path);
		if (normalized.equals("/")) {
			throw VaultException.badRequest("missing path");
		}
		Map<String, EnabledDevice> table = new LinkedHashMap<>(current());
		if (table.containsKey(normalized)) {
			throw VaultException.badRequest("path already in use");
		}
		if (request.type() == null || request.type().isBlank()) {
			throw VaultException.badRequest("missing audit type");
		}
		byte[] salt = new byte[SALT_BYTES];
		this.random.nextBytes(salt);
		EnabledDevice device = new EnabledDevice(
				new AuditDevice(normalized, request.type(), request.description(), request.options(), request.local()),
				salt);
		table.put(normalized, device);
		store(table);
		return device;
	}

	/** Disables the device at {@code path}; nothing happens when none is there. */
	public synchronized void disable(String path) {
		String normalized = normalize(path);
		Map<String, EnabledDevice> table = new LinkedHashMap<>(current());
		if (table.remove(normalized) != null) {
			store(table);
		}
	}

	/**
	 * A device path with one trailing slash, as Vault keeps it ({@code file} →
	 * {@code file/}).
	 */
	static String normalize(String path) {
		String trimmed = (path != null) ? path.strip().replaceAll("^/+", "").replaceAll("/+$", "") : "";
		return trimmed + "/";
	}

	private void store(Map<String, EnabledDevice> table) {
		List<Stored> stored = table.values().stream().map(Stored::of).toList();
		this.barrier.put(TABLE_PATH, Json.write(new StoredTable(stored)));
		this.devices = Collections.unmodifiableMap(table);
	}

	private Map<String, EnabledDevice> current() {
		Map<String, EnabledDevice> current = this.devices;
		return (current != null) ? current : load();
	}

	private synchronized Map<String, EnabledDevice> load() {
		Map<String, EnabledDevice> current = this.devices;
		if (current == null) {
			Map<String, EnabledDevice> table = new LinkedHashMap<>();
			this.barrier.get(TABLE_PATH).map((bytes) -> Json.read(bytes, StoredTable.class)).ifPresent((stored) -> {
				for (Stored device : stored.devices()) {
					EnabledDevice enabled = device.toDevice();
					table.put(enabled.path(), enabled);
				}
			});
			current = Collections.unmodifiableMap(table);
			this.devices = current;
		}
		return current;
	}

	/** The stored table: the devices in enabling order. */
	record StoredTable(List<Stored> devices) {

		StoredTable {
			devices = (devices != null) ? List.copyOf(devices) : List.of();
		}

	}

	/** A stored device: Vault's fields and the salt (base64). */
	record Stored(String path, String type, String description, Map<String, String> options, boolean local,
			String salt) {

		static Stored of(EnabledDevice device) {
			AuditDevice d = device.device();
			return new Stored(d.path(), d.type(), d.description(), d.options(), d.local(),
					Base64.getEncoder().encodeToString(device.salt()));
		}

		EnabledDevice toDevice() {
			return new EnabledDevice(new AuditDevice(this.path, this.type, this.description, this.options, this.local),
					Base64.getDecoder().decode(this.salt));
		}

		@Override
		public String toString() {
			return "Stored[" + this.path + "]";
		}

	}

}
