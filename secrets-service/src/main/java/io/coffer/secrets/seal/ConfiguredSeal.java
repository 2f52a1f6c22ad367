package io.coffer.secrets.seal;

import java.util.Optional;

/**
 * The seal this node is configured with ({@code coffer.seal.type}): Shamir, or an
 * auto-unseal provider.
 *
 * @param type {@code shamir}, {@code awskms} or {@code transit}
 * @param provider the auto-unseal provider; null for Shamir
 */
public record ConfiguredSeal(String type, Seal provider) implements AutoCloseable {

	public static final String SHAMIR = "shamir";

	public static ConfiguredSeal shamir() {
		return new ConfiguredSeal(SHAMIR, null);
	}

	public static ConfiguredSeal auto(Seal provider) {
		return new ConfiguredSeal(provider.type(), provider);
	}

	public boolean isAuto() {
		return this.provider != null;
	}

	public Optional<Seal> auto() {
		return Optional.ofNullable(this.provider);
	}

	/** Releases the provider's client (connection pools). */
	@Override
	public void close() throws Exception {
		if (this.provider instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
