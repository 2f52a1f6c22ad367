package io.coffer.secrets.engine.kv;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's {@code time.RFC3339Nano} in UTC, as KV v2 reports every time. */
final class KvTimes {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private KvTimes() {
	}

	/**
	 * Formats like Go: the fraction keeps only significant digits and disappears when
	 * zero ({@code 2026-11-28T01:02:03.1234Z}, {@code 2026-11-28T01:02:03Z}); null is
	 * {@code ""}, Vault's "not set".
	 */
	static String format(Instant instant) {
		if (instant == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(SECONDS.format(instant));
		int nanos = instant.getNano();
		if (nanos != 0) {
			String fraction = String.format("%09d", nanos);
			int end = fraction.length();
			while (fraction.charAt(end - 1) == '0') {
				end--;
			}
			out.append('.').append(fraction, 0, end);
		}
		return out.append('Z').toString();
	}

}
