package io.coffer.secrets.storage.replicated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.IAtomicReference;

import io.coffer.secrets.storage.StorageException;

/**
 * The replicated log in Hazelcast CP: a head register holding the latest committed entry
 * (appends are a compare-and-append on it, see {@link AppendIfNext}) and a ring of R
 * slots archiving earlier entries for followers that lag behind. Invariant kept by every
 * active: before entry n+1 is appended, entry n is archived in slot n mod R, so every
 * index in (head − R, head] can be read.
 */
final class CpLog {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

	private final HazelcastInstance hazelcast;

	/** What {@link #answers} compares the head with: shorter than any encoded entry. */
	private static final byte[] NEVER_A_LOG_ENTRY = { 0 };

	private final Lazy<IAtomicReference<byte[]>> head;

	private final LocalRaftNodes raftNodes;

	private volatile Slots slots;

	CpLog(HazelcastInstance hazelcast, LocalRaftNodes raftNodes, int slotCount) {
		this.hazelcast = hazelcast;
		this.raftNodes = raftNodes;
		this.head = Lazy.perCpGeneration(raftNodes,
				() -> hazelcast.getCPSubsystem().getAtomicReference(CpNames.LOG_HEAD));
		this.slots = new Slots(new AtomicReferenceArray<>(slotCount), 0);
	}

	int slotCount() {
		return this.slots.proxies().length();
	}

	/** The committed head, or {@code null} while no epoch has been seeded. */
	LogEntry head() {
		byte[] bytes = await(this.head.get().getAsync());
		return (bytes != null) ? LogCodec.decode(bytes) : null;
	}

	/**
	 * Whether the CP group holding the log commits a write within the timeout: a
	 * compare-and-set of the head that never matches (no log entry is a single byte), so
	 * it changes nothing but goes through the Raft log like an append. A read is not
	 * enough: a group whose leader still confirms its term to a majority answers reads
	 * while it refuses every append ({@code CannotReplicateException} after a membership
	 * change its old leader died in), and that group must count as not answering.
	 */
	boolean answers(Duration timeout) {
		try {
			this.head.get()
				.compareAndSetAsync(NEVER_A_LOG_ENTRY, NEVER_A_LOG_ENTRY)
				.toCompletableFuture()
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return false;
		}
	}

	/** Appends if {@code entry} directly follows the head (see {@link AppendIfNext}). */
	boolean append(byte[] entry) {
		byte[] previous = await(this.head.get().getAndAlterAsync(new AppendIfNext(entry)));
		// a retried CP call may find its own entry already in place
		return AppendIfNext.accepts(previous, entry) || Arrays.equals(previous, entry);
	}

	void archive(byte[] entry) {
		long index = LogCodec.header(entry).index();
		await(slot(index).alterAsync(new ArchiveIfNewer(entry)));
	}

	/**
	 * The entry archived where {@code index} belongs: that entry, an older one, a newer
	 * one, or null.
	 */
	LogEntry slotFor(long index) {
		byte[] bytes = await(slot(index).getAsync());
		return (bytes != null) ? LogCodec.decode(bytes) : null;
	}

	/** Entry {@code index} read from the head or the ring, or null if it is not there. */
	LogEntry read(long index, LogEntry knownHead) {
		if (knownHead != null && knownHead.index() == index) {
			return knownHead;
		}
		LogEntry archived = slotFor(index);
		return (archived != null && archived.index() == index) ? archived : null;
	}

	/**
	 * Entries {@code from}, {@code from + 1}, ... as far as they are in the ring (or are
	 * the head), at most {@code max}: the slots are read concurrently, so a follower that
	 * is far behind catches up at many entries per round trip instead of one.
	 */
	List<LogEntry> readFrom(long from, LogEntry knownHead, int max) {
		long last = Math.min(knownHead.index(), from + max - 1);
		List<CompletionStage<byte[]>> pending = new ArrayList<>();
		for (long index = from; index <= last; index++) {
			pending.add((index == knownHead.index()) ? null : slot(index).getAsync());
		}
		List<LogEntry> entries = new ArrayList<>();
		for (long index = from; index <= last; index++) {
			LogEntry entry = (index == knownHead.index()) ? knownHead
					: decode(await(pending.get((int) (index - from))));
			if (entry == null || entry.index() != index) {
				break;
			}
			entries.add(entry);
		}
		return entries;
	}

	private static LogEntry decode(byte[] bytes) {
		return (bytes != null) ? LogCodec.decode(bytes) : null;
	}

	private IAtomicReference<byte[]> slot(long index) {
		Slots current = this.slots;
		long generation = this.raftNodes.generation();
		if (current.generation() != generation) {
			// a CP reset destroyed the groups the cached proxies point at
			current = new Slots(new AtomicReferenceArray<>(current.proxies().length()), generation);
			this.slots = current;
		}
		AtomicReferenceArray<IAtomicReference<byte[]>> proxies = current.proxies();
		int i = (int) Math.floorMod(index, (long) proxies.length());
		IAtomicReference<byte[]> slot = proxies.get(i);
		if (slot == null) {
			slot = this.hazelcast.getCPSubsystem().getAtomicReference(CpNames.LOG_SLOT_PREFIX + i);
			proxies.compareAndSet(i, null, slot);
		}
		return slot;
	}

	private record Slots(AtomicReferenceArray<IAtomicReference<byte[]>> proxies, long generation) {
	}

	static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
		try {
			return stage.toCompletableFuture().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StorageException("interrupted while waiting for the CP subsystem", ex);
		}
		catch (ExecutionException ex) {
			throw new StorageException("CP call failed: " + ex.getCause().getClass().getSimpleName(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new StorageException("CP call timed out after " + CALL_TIMEOUT.toSeconds() + " s", ex);
		}
	}

}
