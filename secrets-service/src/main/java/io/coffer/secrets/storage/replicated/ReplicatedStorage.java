package io.coffer.secrets.storage.replicated;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;

import io.coffer.secrets.storage.ClusterHealth;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;
import io.coffer.secrets.storage.LogMac;
import io.coffer.secrets.storage.NodeInfo;
import io.coffer.secrets.storage.SnapshotUnavailableException;
import io.coffer.secrets.storage.StandbyException;
import io.coffer.secrets.storage.Storage;
import io.coffer.secrets.storage.StorageException;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.storage.StorageRestore;
import io.coffer.secrets.storage.StorageSnapshot;
import io.coffer.secrets.storage.StorageSnapshots;

/**
 * One storage node: a RocksDB replica fed by a log replicated through Hazelcast CP, and
 * this node's part in electing the active node. Works without Spring:
 * {@link #start(StorageSettings)}, then {@link #close()} (or {@link #kill()} to simulate
 * a crash in tests).
 */
public final class ReplicatedStorage implements Storage, HaCluster, StorageSnapshots, AutoCloseable {

	private final NodeRuntime runtime;

	private final SnapshotSource snapshots;

	private final NodeThreads threads;

	private final SealedReads sealedReads;

	private ReplicatedStorage(NodeRuntime runtime, SnapshotSource snapshots) {
		this.runtime = runtime;
		this.snapshots = snapshots;
		this.threads = new NodeThreads(runtime, snapshots);
		this.sealedReads = new SealedReads(runtime, this.threads.follower());
	}

	public static ReplicatedStorage start(StorageSettings settings) {
		return start(settings, Clock.systemUTC(), new SecureRandom());
	}

	/**
	 * Opens the replica and joins the Hazelcast cluster; returns without waiting for CP
	 * to form (reads work at once, from the local replica).
	 */
	public static ReplicatedStorage start(StorageSettings settings, Clock clock, SecureRandom random) {
		return start(settings, clock, random, null);
	}

	/**
	 * A node that holds the log key from its first step (tests and tools that have no
	 * barrier); a real node gets it from the barrier at init or unseal.
	 */
	static ReplicatedStorage start(StorageSettings settings, Clock clock, SecureRandom random, LogMac logKey) {
		Replica replica = Replica.open(settings.dataDir());
		LogAuth auth = new LogAuth();
		if (logKey != null) {
			auth.use(logKey);
		}
		SnapshotSource snapshots = new SnapshotSource(replica, clock, auth);
		HazelcastInstance hazelcast;
		try {
			hazelcast = HazelcastFactory.start(settings, snapshots);
		}
		catch (RuntimeException ex) {
			replica.close();
			throw ex;
		}
		try {
			NodeRuntime runtime = new NodeRuntime(settings, hazelcast, replica, clock, random, auth);
			ReplicatedStorage storage = new ReplicatedStorage(runtime, snapshots);
			hazelcast.getUserContext().put(RestoreTasks.USER_CONTEXT_KEY, new RestoreStager(runtime));
			storage.threads.start();
			return storage;
		}
		catch (RuntimeException ex) {
			hazelcast.getLifecycleService().terminate();
			replica.close();
			throw ex;
		}
	}

	@Override
	public Optional<byte[]> get(String key) {
		return this.sealedReads.applies() ? this.sealedReads.get(key) : this.runtime.replica.get(key);
	}

	@Override
	public List<String> list(String prefix) {
		return this.sealedReads.applies() ? this.sealedReads.list(prefix) : this.runtime.replica.list(prefix);
	}

	/**
	 * Installs the log key (or forgets it: null). With a key, waits up to 5 s for the
	 * replica to apply what it could not verify before, so a node just unsealed reads its
	 * own, verified replica.
	 */
	@Override
	public void authenticateNewLog(LogMac logKey) {
		this.runtime.auth.useNew(logKey);
		this.runtime.progress.forgetAll();
		this.runtime.report();
	}

	@Override
	public void authenticateLog(LogMac logKey) {
		this.runtime.auth.use(logKey);
		if (logKey == null) {
			return;
		}
		// reports accepted while keyless were unverified: from now on only signed ones
		// count
		this.runtime.progress.forgetAll();
		this.runtime.report();
		Follower follower = this.threads.follower();
		follower.poke();
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (follower.waitingForKey() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void write(List<StorageOp> batch) {
		if (batch.isEmpty()) {
			return;
		}
		CompletableFuture<Void> done = this.threads.committer().submit(batch);
		Duration timeout = this.runtime.settings.tuning().writeTimeout();
		try {
			done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StorageException("interrupted; write outcome unknown", ex);
		}
		catch (TimeoutException ex) {
			throw new StorageException("write outcome unknown: no majority acknowledged it within " + timeout, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw (cause instanceof StandbyException standby) ? new StandbyException(standby.getMessage())
						: new StorageException(cause.getMessage(), cause);
			}
			throw new StorageException("write failed", ex.getCause());
		}
	}

	/**
	 * A view of this node's own replica, refused unless it can vouch for it: the node
	 * holds the log key (a sealed node stops at the first entry it cannot verify, and a
	 * node that was never unsealed may hold nothing at all: Vault #8097's empty snapshot)
	 * and its replica continues the current log (not catching up, copying or waiting for
	 * an epoch).
	 */
	@Override
	public StorageSnapshot openSnapshot() {
		if (!this.runtime.auth.keyed()) {
			throw new SnapshotUnavailableException("node " + nodeId()
					+ " is sealed: its replica cannot be verified against the log, so it serves no snapshot");
		}
		if (!this.runtime.isActive() && !this.threads.follower().ready()) {
			throw new SnapshotUnavailableException("the replica of node " + nodeId()
					+ " does not follow the current log yet (catching up or copying from a peer); "
					+ "ask the active node or retry");
		}
		ReplicaSnapshot snapshot = this.runtime.replica.snapshot();
		if (snapshot.position().equals(Position.EMPTY)) {
			this.runtime.replica.release(snapshot);
			throw new SnapshotUnavailableException("the replica of node " + nodeId() + " is empty");
		}
		return new ReplicaView(this.runtime.replica, snapshot);
	}

	/**
	 * A restore prepared on this node, which must be the active one and unsealed (it
	 * signs the restore entry and the staged copies with the log key).
	 */
	@Override
	public StorageRestore beginRestore() {
		if (!this.runtime.auth.keyed()) {
			throw new SnapshotUnavailableException("node " + nodeId() + " is sealed: it cannot restore a snapshot");
		}
		if (!this.runtime.isActive()) {
			throw new StandbyException("this node is a standby; a snapshot is restored by the active node");
		}
		return new Restorer(this.runtime, this.threads.committer());
	}

	@Override
	public String nodeId() {
		return this.runtime.nodeId();
	}

	@Override
	public boolean haEnabled() {
		return this.runtime.settings.cluster().size() > 1;
	}

	@Override
	public boolean isActive() {
		return this.runtime.isActive();
	}

	@Override
	public Optional<NodeInfo> activeNode() {
		if (isActive()) {
			return Optional.of(this.runtime.self());
		}
		ActiveMarker marker = this.runtime.knownActive();
		if (marker == null) {
			return Optional.empty();
		}
		Set<UUID> live = this.runtime.hazelcast.getCluster()
			.getMembers()
			.stream()
			.map(Member::getUuid)
			.collect(Collectors.toSet());
		return live.contains(marker.member()) ? Optional.of(marker.toNodeInfo()) : Optional.empty();
	}

	@Override
	public Optional<Instant> activeSince() {
		return Optional.ofNullable(this.runtime.term()).map(ActiveTerm::since);
	}

	@Override
	public long committedIndex() {
		return this.runtime.committedIndex();
	}

	@Override
	public long appliedIndex() {
		return this.runtime.replica.position().index();
	}

	@Override
	public void joinElection() {
		this.threads.election().join();
	}

	@Override
	public void leaveElection() {
		this.threads.election().leave();
	}

	@Override
	public void awaitActive(Duration timeout) {
		joinElection();
		try {
			if (!this.runtime.awaitActive(timeout)) {
				throw new StorageException("node " + nodeId() + " did not become active within " + timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StorageException("interrupted while waiting to become active", ex);
		}
	}

	@Override
	public ClusterHealth clusterHealth() {
		return this.threads.watch().health();
	}

	@Override
	public void addListener(HaListener listener) {
		this.runtime.addListener(listener);
	}

	/**
	 * Leaves the election, stops replicating, leaves the cluster and closes the replica.
	 */
	@Override
	public void close() {
		this.threads.stopGracefully();
		this.runtime.hazelcast.getLifecycleService().terminate();
		this.threads.awaitStopped();
		shutdownLocal();
	}

	/**
	 * Stops this node like {@code kill -9} would, as far as the cluster can tell: the
	 * Hazelcast member vanishes without releasing its lock or saying goodbye. (The local
	 * database is still closed so the same JVM can reopen it.)
	 */
	public void kill() {
		this.runtime.hazelcast.getLifecycleService().terminate();
		this.threads.stopNow();
		this.threads.awaitStopped();
		shutdownLocal();
	}

	private void shutdownLocal() {
		this.runtime.progress.failAll(new StorageException("storage closed; write outcome unknown"));
		this.snapshots.closeAll();
		this.runtime.replica.close();
	}

	NodeRuntime runtime() {
		return this.runtime;
	}

	/** The underlying Hazelcast member, for the Spring context (health) only. */
	public HazelcastInstance hazelcast() {
		return this.runtime.hazelcast;
	}

	/**
	 * Whether this node votes in the CP groups: it is a CP member and its Raft node of
	 * each group has caught up with its admission. A restarted node votes again a few
	 * seconds after it rejoined; until then losing another node can cost the cluster its
	 * CP quorum (diagnostics, tests).
	 */
	public boolean isCpMember() {
		return this.threads.membership().isVoting();
	}

	/** Where this node's replica is: its epoch and applied index, for diagnostics. */
	public String position() {
		return this.runtime.replica.position().toString();
	}

}
