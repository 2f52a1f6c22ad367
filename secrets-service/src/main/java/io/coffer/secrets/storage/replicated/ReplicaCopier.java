package io.coffer.secrets.storage.replicated;

import java.security.MessageDigest;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coffer.secrets.storage.StorageException;

/**
 * Replaces this node's replica with a consistent copy of a peer's: reads the peer's
 * snapshot in chunks into {@code incoming/}, verifies the SHA-256 over position, keys and
 * values, then swaps it in. Whatever this replica held that the peer does not (entries of
 * an abandoned history) is gone afterwards, as it must be.
 */
final class ReplicaCopier {

	private static final Logger logger = LoggerFactory.getLogger(ReplicaCopier.class);

	private static final long CALL_TIMEOUT_SECONDS = 30;

	private final HazelcastInstance hazelcast;

	private final Replica replica;

	private final LogAuth auth;

	ReplicaCopier(HazelcastInstance hazelcast, Replica replica, LogAuth auth) {
		this.hazelcast = hazelcast;
		this.replica = replica;
		this.auth = auth;
	}

	/**
	 * Copies the source's replica if it is ahead of this one: a copy never moves a
	 * replica back (the position orders by epoch first, so leaving an abandoned history
	 * for a later epoch is ahead).
	 */
	void copyFrom(Member source) {
		long started = System.nanoTime();
		IExecutorService executor = this.hazelcast.getExecutorService(CpNames.COPY_EXECUTOR);
		SnapshotSource.Opened opened = call(executor, new SnapshotTasks.Open(), source);
		Position mine = this.replica.position();
		if (opened.position().compareTo(mine) <= 0) {
			throw new StorageException("refused a replica copy at " + opened.position() + " from " + source.getAddress()
					+ ": not ahead of this replica at " + mine);
		}
		long keys;
		try (RocksReplica incoming = this.replica.createIncoming()) {
			keys = transfer(executor, source, opened, incoming).count();
			incoming.writePosition(opened.position());
		}
		this.replica.replaceWithIncoming();
		logger.info("Copied replica at {} ({} keys) from {} in {} ms", opened.position(), keys, source.getAddress(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	/**
	 * Stages a restore on this node: copies the state {@code source} staged for it,
	 * checks it is exactly {@code expected}, and keeps it for the restore entry.
	 */
	void stageFrom(Member source, RestoreMark expected) {
		long started = System.nanoTime();
		IExecutorService executor = this.hazelcast.getExecutorService(CpNames.COPY_EXECUTOR);
		SnapshotSource.Opened opened = call(executor, new SnapshotTasks.OpenStaged(expected.id()), source);
		RocksReplica staged = this.replica.createStaged(expected.id());
		try {
			Transferred got = transfer(executor, source, opened, staged);
			if (got.count() != expected.count() || !MessageDigest.isEqual(got.digest(), expected.digest())) {
				throw new StorageException("staged restore from " + source.getAddress() + " differs from " + expected
						+ " (" + got.count() + " pairs)");
			}
			this.replica.markStaged(expected.id());
		}
		catch (RuntimeException ex) {
			this.replica.dropStaged(expected.id());
			throw ex;
		}
		logger.info("Staged restore {} ({} pairs) from {} in {} ms", expected.id(), expected.count(),
				source.getAddress(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	/**
	 * Reads an opened view chunk by chunk into {@code target}, verifying the source's
	 * keyed checksum; returns the number of pairs and the SHA-256.
	 */
	private Transferred transfer(IExecutorService executor, Member source, SnapshotSource.Opened opened,
			RocksReplica target) {
		MessageDigest digest = ReplicaSnapshot.sha256();
		ReplicaSnapshot.digestPosition(digest, opened.position());
		long keys = 0;
		while (true) {
			ReplicaSnapshot.Chunk chunk = call(executor, new SnapshotTasks.Next(opened.session()), source);
			for (int i = 0; i < chunk.keys().size(); i++) {
				ReplicaSnapshot.digestPair(digest, chunk.keys().get(i), chunk.values().get(i));
			}
			target.putRaw(chunk.keys(), chunk.values());
			keys += chunk.keys().size();
			if (chunk.last()) {
				byte[] sha = digest.digest();
				byte[] expected = this.auth.copyTag(sha);
				if (expected == null || !MessageDigest.isEqual(expected, chunk.digest())) {
					logger.warn(
							"Refused a replica copy at {} from {}: its HMAC does not verify with this "
									+ "node's log key (forged, or another cluster)",
							opened.position(), source.getAddress());
					throw new StorageException("copied replica failed its keyed checksum; discarded");
				}
				return new Transferred(keys, sha);
			}
		}
	}

	private record Transferred(long count, byte[] digest) {
	}

	private static <T> T call(IExecutorService executor, Callable<T> task, Member member) {
		try {
			return executor.submitToMember(task, member).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StorageException("interrupted while copying a replica", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new StorageException("copying a replica from " + member.getAddress() + " failed", ex);
		}
	}

}
