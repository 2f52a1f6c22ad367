package io.coffer.secrets.storage.replicated;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.hazelcast.cluster.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads for a sealed node whose replica is stopped at an entry it cannot verify (it has
 * no log key until it is unsealed, and never applies an unverified entry). The seal layer
 * must still read what unsealing needs ({@code core/seal-config}, {@code core/root-key},
 * {@code core/keyring}, ...), so while this node is stopped like that its reads go to the
 * active node's replica (or the most advanced peer's), falling back to its own. Those
 * values protect themselves: the root key and keyring are AES-GCM ciphertexts under the
 * unseal key, the KMS/transit key or the root key, which a forger does not have. Once
 * unsealed, the node verifies and applies the log and reads only its own replica again.
 */
final class SealedReads {

	private static final Logger logger = LoggerFactory.getLogger(SealedReads.class);

	private static final long TIMEOUT_SECONDS = 5;

	private final NodeRuntime runtime;

	private final Follower follower;

	SealedReads(NodeRuntime runtime, Follower follower) {
		this.runtime = runtime;
		this.follower = follower;
	}

	boolean applies() {
		return !this.runtime.auth.keyed() && this.follower.waitingForKey();
	}

	Optional<byte[]> get(String key) {
		return remote(new SnapshotTasks.Read(key)).map(Optional::ofNullable)
			.orElseGet(() -> this.runtime.replica.get(key));
	}

	List<String> list(String prefix) {
		return remote(new SnapshotTasks.ListKeys(prefix)).<List<String>>map(List::copyOf)
			.orElseGet(() -> this.runtime.replica.list(prefix));
	}

	private <T> Optional<T> remote(Callable<T> task) {
		Optional<Member> source = source();
		if (source.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.runtime.hazelcast.getExecutorService(CpNames.COPY_EXECUTOR)
				.submitToMember(task, source.get())
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		catch (Exception ex) {
			logger.debug("Sealed read from {} failed: {}", source.get().getAddress(), ex.toString());
			return Optional.empty();
		}
	}

	private Optional<Member> source() {
		ActiveMarker active = this.runtime.knownActive();
		java.util.Set<Member> members = this.runtime.hazelcast.getCluster().getMembers();
		java.util.UUID wanted = (active != null) ? active.member()
				: this.runtime.progress.reports()
					.stream()
					.filter((r) -> !r.nodeId().equals(this.runtime.nodeId()))
					.max(Comparator.comparing(AppliedReport::position))
					.map(AppliedReport::member)
					.orElse(null);
		return members.stream().filter((m) -> m.getUuid().equals(wanted) && !m.localMember()).findFirst();
	}

}
