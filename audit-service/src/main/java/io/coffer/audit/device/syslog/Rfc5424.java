package io.coffer.audit.device.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Builds RFC 5424 messages:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG} with severity
 * informational (as Vault's device logs), MSGID {@code audit}, no structured data, and
 * MSG = prefix + the entry's JSON line. MSG carries no BOM: it is sent as RFC 5424's
 * MSG-ANY octets, which every common receiver reads as UTF-8 text.
 */
final class Rfc5424 {

	/** RFC 5424 severity 6, informational. */
	private static final int SEVERITY_INFO = 6;

	private final String start;

	private final String rest;

	private final String probeRest;

	/**
	 * @param facility the facility
	 * @param hostName HOSTNAME (sanitised to RFC 5424's printable ASCII; {@code -} when
	 * empty)
	 * @param appName APP-NAME, the device's {@code tag}
	 * @param procId PROCID
	 */
	Rfc5424(SyslogFacility facility, String hostName, String appName, long procId) {
		int pri = facility.code() * 8 + SEVERITY_INFO;
		this.start = "<" + pri + ">1 ";
		String origin = " " + field(hostName, 255) + " " + field(appName, 48) + " " + procId;
		this.rest = origin + " audit - ";
		this.probeRest = origin + " test -";
	}

	/** One message, as UTF-8 bytes. */
	byte[] message(Instant time, String prefix, String line) {
		return (this.start + timestamp(time) + this.rest + prefix + line).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The message a UDP test write sends: MSGID {@code test} and no MSG, so that no
	 * reader takes it for an audit entry.
	 */
	byte[] probe(Instant time) {
		return (this.start + timestamp(time) + this.probeRest).getBytes(StandardCharsets.UTF_8);
	}

	private static String timestamp(Instant time) {
		return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MICROS));
	}

	private static String field(String value, int maxLength) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < value.length() && out.length() < maxLength; i++) {
			char c = value.charAt(i);
			if (c >= 33 && c <= 126) {
				out.append(c);
			}
		}
		return out.isEmpty() ? "-" : out.toString();
	}

}
