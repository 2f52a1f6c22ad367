package io.coffer.secrets.storage.replicated;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coffer.secrets.storage.StandbyException;
import io.coffer.secrets.storage.StorageException;
import io.coffer.secrets.storage.StorageRestore;

/**
 * The active node's side of a restore (STORAGE.md "Restore"): builds the new state in a
 * staged database beside the replica, has the other nodes copy it (a majority must hold
 * it before anything is committed, so the restore survives the loss of this node), then
 * commits one restore entry through the {@link Committer}; every node installs its staged
 * copy when it applies that entry.
 */
final class Restorer implements StorageRestore {

	private static final Logger logger = LoggerFactory.getLogger(Restorer.class);

	private static final int BATCH_BYTES = 4 << 20;

	private final NodeRuntime runtime;

	private final Committer committer;

	private final UUID id = UUID.randomUUID();

	private final RocksReplica staged;

	private final MessageDigest digest = ReplicaSnapshot.sha256();

	private final List<byte[]> keys = new ArrayList<>();

	private final List<byte[]> values = new ArrayList<>();

	private int batchBytes;

	private byte[] lastKey;

	private long count;

	private boolean committed;

	private boolean closed;

	Restorer(NodeRuntime runtime, Committer committer) {
		this.runtime = runtime;
		this.committer = committer;
		this.staged = runtime.replica.createStaged(this.id);
		ReplicaSnapshot.digestPosition(this.digest, Position.EMPTY);
	}

	@Override
	public void put(String key, byte[] value) {
		byte[] raw = RocksReplica.dataKey(key);
		if (this.lastKey != null && Arrays.compareUnsigned(raw, this.lastKey) <= 0) {
			throw new IllegalArgumentException("restore keys out of order at pair " + (this.count + 1));
		}
		this.lastKey = raw;
		ReplicaSnapshot.digestPair(this.digest, raw, value);
		this.keys.add(raw);
		this.values.add(value);
		this.batchBytes += raw.length + value.length;
		this.count++;
		if (this.batchBytes >= BATCH_BYTES) {
			flush();
		}
	}

	@Override
	public Optional<byte[]> get(String key) {
		flush();
		return this.staged.get(key);
	}

	@Override
	public long count() {
		return this.count;
	}

	@Override
	public void commit(Duration timeout) {
		commit(timeout, false);
	}

	@Override
	public void commitForeign(Duration timeout) {
		commit(timeout, true);
	}

	private void commit(Duration timeout, boolean foreign) {
		if (this.closed || this.committed) {
			throw new IllegalStateException("restore already closed");
		}
		long started = System.nanoTime();
		flush();
		RestoreMark mark = new RestoreMark(this.id, this.digest.digest(), this.count, foreign);
		this.runtime.replica.markStaged(this.id);
		stageOnPeers(mark, timeout);
		long staged = System.nanoTime();
		CompletableFuture<Void> done = this.committer.submitRestore(mark);
		this.committed = true;
		try {
			done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StorageException("interrupted; restore outcome unknown", ex);
		}
		catch (TimeoutException ex) {
			throw new StorageException("restore outcome unknown: no majority installed it within " + timeout, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof StandbyException standby) {
				this.committed = false;
				throw new StandbyException(standby.getMessage());
			}
			throw new StorageException("restore outcome unknown: " + ex.getCause().getMessage(), ex.getCause());
		}
		logger.info("Restored {} pairs (restore {}): staged on the peers in {} ms, committed in {} ms", this.count,
				this.id, TimeUnit.NANOSECONDS.toMillis(staged - started),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - staged));
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.committed) {
			return;
		}
		this.runtime.replica.dropStaged(this.id);
		IExecutorService executor = this.runtime.hazelcast.getExecutorService(CpNames.RESTORE_EXECUTOR);
		for (Member peer : peers()) {
			try {
				executor.submitToMember(new RestoreTasks.Drop(this.id), peer);
			}
			catch (RuntimeException ex) {
				// best effort: a peer also drops it on its next restore or restart
				logger.debug("Could not tell {} to drop restore {}: {}", peer.getAddress(), this.id, ex.toString());
			}
		}
	}

	/**
	 * Has every other node copy the staged state; refuses the restore unless enough of
	 * them did that a majority of the configured nodes (this one included) holds it.
	 */
	private void stageOnPeers(RestoreMark mark, Duration timeout) {
		List<Member> peers = peers();
		IExecutorService executor = this.runtime.hazelcast.getExecutorService(CpNames.RESTORE_EXECUTOR);
		UUID self = this.runtime.member();
		List<Future<Boolean>> pending = new ArrayList<>();
		for (Member peer : peers) {
			pending.add(executor.submitToMember(new RestoreTasks.Stage(mark, self), peer));
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		int stagedOn = 1;
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < pending.size(); i++) {
			try {
				pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				stagedOn++;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new StorageException("interrupted while staging the restore; nothing changed", ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
				failures.add(peers.get(i).getAddress() + ": " + cause);
			}
		}
		int majority = this.runtime.settings.majority();
		if (!failures.isEmpty()) {
			logger.warn("Restore {}: {} node(s) could not stage it: {}", this.id, failures.size(), failures);
		}
		if (stagedOn < majority) {
			throw new StorageException("restore refused: " + stagedOn + " of the cluster's nodes could stage it and "
					+ majority + " must before it is committed; nothing changed");
		}
		if (!this.runtime.isActive()) {
			throw new StandbyException("this node lost the active role while staging the restore; nothing changed");
		}
	}

	private List<Member> peers() {
		UUID self = this.runtime.member();
		return this.runtime.hazelcast.getCluster()
			.getMembers()
			.stream()
			.filter((m) -> !m.getUuid().equals(self))
			.toList();
	}

	private void flush() {
		if (this.keys.isEmpty()) {
			return;
		}
		this.staged.putRaw(this.keys, this.values);
		this.keys.clear();
		this.values.clear();
		this.batchBytes = 0;
	}

}
