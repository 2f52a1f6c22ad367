package io.coffer.secrets.kernel;

/**
 * Published when this node's barrier opens or closes, so holders of in-memory state can
 * load or drop it.
 */
public sealed interface SealEvent {

	record Unsealed() implements SealEvent {
	}

	record Sealed() implements SealEvent {
	}

}
