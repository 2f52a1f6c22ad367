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

	ReplicaCopier(HazelcastInstance hazelcast, Replica replica) {
		this.hazelcast = hazelcast;
		this.replica = replica;
	}

	void copyFrom(Member source) {
		long started = System.nanoTime();
		IExecutorService executor = this.hazelcast.getExecutorService(CpNames.COPY_EXECUTOR);
		SnapshotSource.Opened opened = call(executor, new SnapshotTasks.Open(), source);
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
					if (!MessageDigest.isEqual(digest.digest(), chunk.digest())) {
						throw new StorageException("copied replica failed its checksum; discarded");
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
