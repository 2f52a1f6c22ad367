package io.coffer.lease.store;

/** The states of a lease ({@code leases.state}). */
public enum LeaseState {

	/** Live: expires at its expire time unless renewed or revoked. */
	ACTIVE("active"),

	/** Queued for revocation, or being revoked by the instance that claimed it. */
	REVOKING("revoking"),

	/** Revocation failed too often; kept with its last error until force-revoked. */
	IRREVOCABLE("irrevocable");

	private final String column;

	LeaseState(String column) {
		this.column = column;
	}

	/** The value in the {@code state} column. */
	public String column() {
		return this.column;
	}

	public static LeaseState of(String column) {
		for (LeaseState state : values()) {
			if (state.column.equals(column)) {
				return state;
			}
		}
		throw new IllegalArgumentException("unknown lease state " + column);
	}

}
