package io.coffer.secrets.snapshotauto;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.coffer.common.snapshotauto.AutoSnapshotEntry;
import io.coffer.common.snapshotauto.AutoSnapshotPut;
import io.coffer.common.snapshotauto.TickClaim;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * The automated-snapshot configurations behind the barrier, one key per configuration
 * under {@value #PREFIX} (replicated storage: after a failover the new active node has
 * the same configurations and claimed ticks). Changes are serialized on this node, which
 * only serves them while active, so the tick claim is a true check-and-set: a deposed
 * active node cannot write at all (the log's fencing).
 */
@Component
class AutoSnapshotStore {

	static final String PREFIX = "core/snapshot-auto/";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	private final Barrier barrier;

	AutoSnapshotStore(Barrier barrier) {
		this.barrier = barrier;
	}

	List<String> names() {
		return this.barrier.list(PREFIX).stream().filter((name) -> !name.endsWith("/")).toList();
	}

	Optional<AutoSnapshotEntry> get(String name) {
		checkName(name);
		return this.barrier.get(PREFIX + name).map((bytes) -> Json.read(bytes, AutoSnapshotEntry.class));
	}

	synchronized void put(String name, AutoSnapshotPut put) {
		checkName(name);
		if (put.config() == null || put.config().isEmpty()) {
			throw VaultException.badRequest("missing config");
		}
		Map<String, Object> status = get(name).map(AutoSnapshotEntry::status).orElse(Map.of());
		store(new AutoSnapshotEntry(name, put.config(), put.claimedTick(), status));
	}

	synchronized void delete(String name) {
		checkName(name);
		this.barrier.delete(PREFIX + name);
	}

	/**
	 * Grants {@code tick} when it is past the claimed one.
	 * @return the tick recorded now, and whether the asker got it
	 */
	synchronized TickClaim claim(String name, long tick) {
		AutoSnapshotEntry entry = existing(name);
		if (tick <= entry.claimedTick()) {
			return new TickClaim(entry.claimedTick(), false);
		}
		store(new AutoSnapshotEntry(name, entry.config(), tick, entry.status()));
		return new TickClaim(tick, true);
	}

	synchronized void status(String name, Map<String, Object> status) {
		AutoSnapshotEntry entry = existing(name);
		store(new AutoSnapshotEntry(name, entry.config(), entry.claimedTick(), status));
	}

	private AutoSnapshotEntry existing(String name) {
		return get(name).orElseThrow(() -> new VaultException(404, "no snapshot-auto config \"" + name + "\""));
	}

	private void store(AutoSnapshotEntry entry) {
		this.barrier.put(PREFIX + entry.name(), Json.write(entry));
	}

	private static void checkName(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw VaultException.badRequest("invalid config name");
		}
	}

}
