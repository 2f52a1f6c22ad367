package io.coffer.audit.device.syslog;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.coffer.audit.device.CommonOptions;
import io.coffer.audit.device.GoDurations;

/**
 * A syslog device's options. Vault's device only ever talks to the local agent; Coffer's
 * runs in audit-service, so it also takes the agent's {@code address} and
 * {@code socket_type}.
 *
 * @param address where the syslog agent listens (default {@code 127.0.0.1:514}, the local
 * agent's traditional port)
 * @param tcp {@code socket_type=tcp} (RFC 6587 octet counting); default {@code udp} (RFC
 * 5426, one message per datagram), the transport of a plain syslog agent
 * @param facility default {@code AUTH}, as Vault's
 * @param tag the RFC 5424 APP-NAME, default {@code vault}, as Vault's
 * @param prefix the common {@code prefix} option, put before each line in MSG
 * @param writeTimeout how long connecting and one TCP write may take (default 2s, as
 * Vault's socket device)
 */
record SyslogOptions(InetSocketAddress address, boolean tcp, SyslogFacility facility, String tag, String prefix,
		Duration writeTimeout) {

	static final String DEFAULT_ADDRESS = "127.0.0.1:514";

	/**
	 * Reads and checks the options.
	 * @throws IllegalArgumentException with Vault-style text
	 */
	static SyslogOptions of(Map<String, String> options) {
		InetSocketAddress address = address(options.getOrDefault("address", DEFAULT_ADDRESS));
		String socketType = options.getOrDefault("socket_type", "udp").toLowerCase(Locale.ROOT);
		if (!socketType.equals("udp") && !socketType.equals("tcp")) {
			throw new IllegalArgumentException("unsupported socket_type \"" + socketType + "\": use udp or tcp");
		}
		SyslogFacility facility = SyslogFacility.of(options.getOrDefault("facility", "AUTH"));
		String tag = options.getOrDefault("tag", "vault");
		if (!isPrintableAscii(tag, 48)) {
			throw new IllegalArgumentException("invalid syslog tag: 1 to 48 printable ASCII characters, no spaces");
		}
		Duration writeTimeout = GoDurations.option("write_timeout", options.get("write_timeout"),
				Duration.ofSeconds(2));
		return new SyslogOptions(address, socketType.equals("tcp"), facility, tag, CommonOptions.prefix(options),
				writeTimeout);
	}

	private static InetSocketAddress address(String value) {
		try {
			URI uri = new URI("syslog://" + value.trim());
			if (uri.getHost() == null || uri.getPort() < 1 || uri.getPath().length() > 0 || uri.getQuery() != null) {
				throw new IllegalArgumentException("invalid address \"" + value + "\": expected host:port");
			}
			return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("invalid address \"" + value + "\": expected host:port");
		}
	}

	static boolean isPrintableAscii(String value, int maxLength) {
		if (value.isEmpty() || value.length() > maxLength) {
			return false;
		}
		return value.chars().allMatch((c) -> c >= 33 && c <= 126);
	}

}
