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
		MessageDigest digest = ReplicaSnapshot.sha256();
		ReplicaSnapshot.digestPosition(digest, opened.position());
		long keys = 0;
		try (RocksReplica incoming = this.replica.createIncoming()) {
			while (true) {
				ReplicaSnapshot.Chunk chunk = call(executor, new SnapshotTasks.Next(opened.session()), source);
				for (int i = 0; i < chunk.keys().size(); i++) {
					ReplicaSnapshot.digestPair(digest, chunk.keys().get(i), chunk.values().get(i));
				}
				incoming.putRaw(chunk.keys(), chunk.values());
				keys += chunk.keys().size();
				if (chunk.last()) {
					byte[] expected = this.auth.copyTag(digest.digest());
					if (expected == null || !MessageDigest.isEqual(expected, chunk.digest())) {
						logger.warn(
								"Refused a replica copy at {} from {}: its HMAC does not verify with this "
										+ "node's log key (forged, or another cluster)",
								opened.position(), source.getAddress());
						throw new StorageException("copied replica failed its keyed checksum; discarded");
					}
					break;
				}
			}
			incoming.writePosition(opened.position());
		}
		this.replica.replaceWithIncoming();
		logger.info("Copied replica at {} ({} keys) from {} in {} ms", opened.position(), keys, source.getAddress(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
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
