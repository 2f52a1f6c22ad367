package io.coffer.common.audit;

import java.util.Map;

/**
 * An enabled audit device as the node's device table holds it, without its salt (the salt
 * never leaves the node).
 *
 * @param path the device's path with a trailing slash ({@code file/})
 * @param type {@code file}, {@code syslog}, {@code socket}, {@code http} or {@code kafka}
 * @param description free text
 * @param options Vault's options, all strings ({@code file_path}, {@code log_raw},
 * {@code hmac_accessor}, {@code prefix}, …)
 * @param local Vault's {@code local} flag (kept and listed; Coffer has no replication)
 */
public record AuditDevice(String path, String type, String description, Map<String, String> options, boolean local) {

	public AuditDevice {
		description = (description != null) ? description : "";
		options = (options != null) ? Map.copyOf(options) : Map.of();
	}

}
