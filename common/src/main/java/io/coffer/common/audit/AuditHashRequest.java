package io.coffer.common.audit;

/** Vault's {@code sys/audit-hash} input, relayed to the active node. */
public record AuditHashRequest(String input) {

	@Override
	public String toString() {
		return "AuditHashRequest[input=<redacted>]";
	}

}
