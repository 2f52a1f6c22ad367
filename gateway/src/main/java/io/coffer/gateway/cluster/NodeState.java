package io.coffer.gateway.cluster;

/**
 * What a secrets node's {@code sys/health} said about it, with Vault's default codes.
 */
public enum NodeState {

	/** 200: unsealed and holding the active lock; serves every request. */
	ACTIVE,

	/** 429 (and 472-474): unsealed standby; may become active on failover. */
	STANDBY,

	/** 503: sealed; answers {@code Vault is sealed}. */
	SEALED,

	/** 501: not initialized yet. */
	UNINITIALIZED,

	/** Answered with a code that is none of the above. */
	OTHER,

	/** No answer within the probe timeout, or the connection was refused. */
	UNREACHABLE,

	/** Not probed yet. */
	UNKNOWN;

	public static NodeState fromHealthCode(int status) {
		return switch (status) {
			case 200 -> ACTIVE;
			case 429, 472, 473, 474 -> STANDBY;
			case 501 -> UNINITIALIZED;
			case 503 -> SEALED;
			default -> OTHER;
		};
	}

	public boolean isReachable() {
		return this != UNREACHABLE && this != UNKNOWN;
	}

	public boolean isUnsealed() {
		return this == ACTIVE || this == STANDBY;
	}

}
