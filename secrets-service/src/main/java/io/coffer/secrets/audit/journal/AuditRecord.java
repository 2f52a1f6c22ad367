package io.coffer.secrets.audit.journal;

import java.util.Map;

/**
 * One audit entry as the journal stores it: Vault's request or response entry, already
 * formatted once per enabled device.
 *
 * @param type {@code request} or {@code response}
 * @param requestId the request's id
 * @param lines by device path ({@code file/}): that device's line, a compact JSON object
 * (HMAC'd with the device's salt unless {@code log_raw}); the journal adds the
 * {@code coffer_chain} field to each line when it appends
 */
public record AuditRecord(String type, String requestId, Map<String, String> lines) {

	public AuditRecord {
		lines = Map.copyOf(lines);
	}

	@Override
	public String toString() {
		return "AuditRecord[type=" + this.type + ", requestId=" + this.requestId + ", devices=" + this.lines.keySet()
				+ "]";
	}

}
