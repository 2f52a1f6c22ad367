package io.coffer.secrets.storage.replicated;

import java.util.function.Supplier;

/**
 * A value created on first use. CP proxies are created this way because creating one is a
 * CP call that blocks until the CP subsystem has formed, which must never hold up
 * {@link ReplicatedStorage#start}.
 */
final class Lazy<T> implements Supplier<T> {

	private final Supplier<T> factory;

	private volatile T value;

	Lazy(Supplier<T> factory) {
		this.factory = factory;
	}

	@Override
	public T get() {
		T current = this.value;
		if (current == null) {
			synchronized (this) {
				current = this.value;
				if (current == null) {
					current = this.factory.get();
					this.value = current;
				}
			}
		}
		return current;
	}

}
