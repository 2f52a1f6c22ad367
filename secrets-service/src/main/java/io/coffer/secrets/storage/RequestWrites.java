package io.coffer.secrets.storage;

import java.util.List;
import java.util.Optional;

/**
 * Whether the request running on this thread has attempted a storage write, so that a
 * request which loses the active role half-way is never replayed by the gateway: only a
 * request that provably wrote nothing may be answered as "not executed" (and so sent
 * again to the new active node). A write counts from the moment it is handed to storage,
 * whatever its outcome, because a write whose outcome is unknown may still be committed
 * (a SecretID use, a token use, a wrapping token taken).
 * <p>
 * Writes made outside a request scope (background work) are not tracked.
 */
public final class RequestWrites {

	private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

	private RequestWrites() {
	}

	/**
	 * Starts tracking the writes of the request on this thread until the scope closes.
	 */
	public static Scope open() {
		Scope scope = new Scope(CURRENT.get());
		CURRENT.set(scope);
		return scope;
	}

	/** Whether the current request has handed any write to storage. */
	public static boolean attempted() {
		Scope scope = CURRENT.get();
		return scope != null && scope.attempted;
	}

	/** {@code storage} with every write recorded in the current request scope. */
	public static Storage tracked(Storage storage) {
		return (storage instanceof Tracked) ? storage : new Tracked(storage);
	}

	/** One request's tracking; closing it restores the enclosing scope, if any. */
	public static final class Scope implements AutoCloseable {

		private final Scope outer;

		private boolean attempted;

		private Scope(Scope outer) {
			this.outer = outer;
		}

		@Override
		public void close() {
			if (this.outer == null) {
				CURRENT.remove();
			}
			else {
				this.outer.attempted |= this.attempted;
				CURRENT.set(this.outer);
			}
		}

	}

	private record Tracked(Storage delegate) implements Storage {

		@Override
		public Optional<byte[]> get(String key) {
			return this.delegate.get(key);
		}

		@Override
		public List<String> list(String prefix) {
			return this.delegate.list(prefix);
		}

		@Override
		public void write(List<StorageOp> batch) {
			Scope scope = CURRENT.get();
			if (scope != null && !batch.isEmpty()) {
				scope.attempted = true;
			}
			this.delegate.write(batch);
		}

	}

}
