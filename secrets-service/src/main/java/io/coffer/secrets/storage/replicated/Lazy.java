package io.coffer.secrets.storage.replicated;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value created on first use. CP proxies are created this way because creating one is a
 * CP call that blocks until the CP subsystem has formed, which must never hold up
 * {@link ReplicatedStorage#start}. A CP proxy is created again when the CP generation
 * changes ({@link #perCpGeneration}): after a CP reset the old proxies point at destroyed
 * groups.
 */
final class Lazy<T> implements Supplier<T> {

	private final Supplier<T> factory;

	private final LongSupplier generation;

	private volatile Created<T> created;

	Lazy(Supplier<T> factory) {
		this(factory, () -> 0);
	}

	private Lazy(Supplier<T> factory, LongSupplier generation) {
		this.factory = factory;
		this.generation = generation;
	}

	/** A CP proxy, created again after each CP reset. */
	static <T> Lazy<T> perCpGeneration(LocalRaftNodes raft, Supplier<T> factory) {
		return new Lazy<>(factory, raft::generation);
	}

	@Override
	public T get() {
		long now = this.generation.getAsLong();
		Created<T> current = this.created;
		if (current == null || current.generation() != now) {
			synchronized (this) {
				current = this.created;
				if (current == null || current.generation() != now) {
					current = new Created<>(this.factory.get(), now);
					this.created = current;
				}
			}
		}
		return current.value();
	}

	private record Created<T>(T value, long generation) {
	}

}
