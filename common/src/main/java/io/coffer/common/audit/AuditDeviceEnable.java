package io.coffer.common.audit;

import java.util.Map;

/**
 * audit-service asks the active node to enable a device, after validating its options and
 * test-writing to it ({@code PUT /internal/audit/devices/<path>}). The node answers
 * {@code 204}, or {@code 400} when the path is in use.
 */
public record AuditDeviceEnable(String type, String description, Map<String, String> options, boolean local) {

	public AuditDeviceEnable {
		description = (description != null) ? description : "";
		options = (options != null) ? Map.copyOf(options) : Map.of();
	}

}
