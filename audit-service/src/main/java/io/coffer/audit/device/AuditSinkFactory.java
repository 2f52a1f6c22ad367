package io.coffer.audit.device;

import java.util.Map;

/**
 * Makes the sinks of one device type ({@code file}, {@code socket}, {@code syslog},
 * {@code http}, {@code kafka}). Each factory is a Spring bean; {@link AuditSinkFactories}
 * finds them by {@link #type()}.
 */
public interface AuditSinkFactory {

	/** The type name of {@code sys/audit}'s {@code type} field. */
	String type();

	/**
	 * Validates a device's options and makes its sink (not yet opened for writing beyond
	 * what validation needs; {@link AuditSink#testWrite()} comes next).
	 * @param path the device's path with a trailing slash ({@code file/})
	 * @param options Vault's options, all strings (common ones included: {@code format},
	 * {@code prefix}, {@code log_raw}, …)
	 * @throws IllegalArgumentException an option is missing or invalid; the message is
	 * Vault-style text answered with 400
	 */
	AuditSink create(String path, Map<String, String> options);

}
