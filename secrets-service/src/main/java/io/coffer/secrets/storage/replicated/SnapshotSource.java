package io.coffer.secrets.storage.replicated;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serving side of a replica copy: open snapshots, read in chunks by a peer, closed on
 * the last chunk or after a minute without use.
 */
final class SnapshotSource {

	static final int CHUNK_BYTES = 512 * 1024;

	private static final Duration IDLE = Duration.ofMinutes(1);

	private final Replica replica;

	private final Clock clock;

	private final LogAuth auth;

	private final Map<UUID, Session> sessions = new ConcurrentHashMap<>();

	SnapshotSource(Replica replica, Clock clock, LogAuth auth) {
		this.replica = replica;
		this.clock = clock;
		this.auth = auth;
	}

	Opened open() {
		if (!this.auth.keyed()) {
			throw new IllegalStateException("this node is sealed: it has no log key to sign a replica copy");
		}
		ReplicaSnapshot snapshot = this.replica.snapshot();
		UUID id = UUID.randomUUID();
		this.sessions.put(id, new Session(snapshot, this.clock.instant()));
		return new Opened(id, snapshot.position());
	}

	/**
	 * Opens the complete restore staged under {@code staging} for a peer that stages the
	 * same restore (the view's position is {@link Position#EMPTY}).
	 */
	Opened openStaged(UUID staging) {
		if (!this.auth.keyed()) {
			throw new IllegalStateException("this node is sealed: it has no log key to sign a replica copy");
		}
		ReplicaSnapshot snapshot = this.replica.stagedSnapshot(staging);
		UUID id = UUID.randomUUID();
		this.sessions.put(id, new Session(snapshot, this.clock.instant()));
		return new Opened(id, snapshot.position());
	}

	ReplicaSnapshot.Chunk next(UUID id) {
		Session session = this.sessions.get(id);
		if (session == null) {
			throw new IllegalStateException("unknown or expired replica copy session");
		}
		this.sessions.put(id, new Session(session.snapshot(), this.clock.instant()));
		ReplicaSnapshot.Chunk chunk = session.snapshot().next(CHUNK_BYTES);
		if (chunk.last()) {
			close(id);
			byte[] tag = this.auth.copyTag(chunk.digest());
			if (tag == null) {
				throw new IllegalStateException("this node was sealed during the copy");
			}
			return new ReplicaSnapshot.Chunk(chunk.keys(), chunk.values(), tag);
		}
		return chunk;
	}

	/** This replica's value, for a sealed peer that cannot apply the log yet. */
	byte[] read(String key) {
		return this.replica.get(key).orElse(null);
	}

	java.util.ArrayList<String> list(String prefix) {
		return new java.util.ArrayList<>(this.replica.list(prefix));
	}

	void expireIdle() {
		Instant cutoff = this.clock.instant().minus(IDLE);
		this.sessions.entrySet()
			.stream()
			.filter((e) -> e.getValue().lastUsed().isBefore(cutoff))
			.map(Map.Entry::getKey)
			.toList()
			.forEach(this::close);
	}

	void closeAll() {
		this.sessions.keySet().forEach(this::close);
	}

	private void close(UUID id) {
		Session session = this.sessions.remove(id);
		if (session != null) {
			this.replica.release(session.snapshot());
		}
	}

	/** A snapshot opened for a peer, and the position it holds. */
	record Opened(UUID session, Position position) implements Serializable {
	}

	private record Session(ReplicaSnapshot snapshot, Instant lastUsed) {
	}

}
