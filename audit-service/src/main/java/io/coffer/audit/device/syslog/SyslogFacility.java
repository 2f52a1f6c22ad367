package io.coffer.audit.device.syslog;

import java.util.Locale;

/**
 * The syslog facilities Vault's {@code facility} option accepts (go-syslog's names,
 * case-insensitive), with their RFC 5424 codes.
 */
enum SyslogFacility {

	KERN(0), USER(1), MAIL(2), DAEMON(3), AUTH(4), SYSLOG(5), LPR(6), NEWS(7), UUCP(8), CRON(9), AUTHPRIV(10), FTP(11),
	LOCAL0(16), LOCAL1(17), LOCAL2(18), LOCAL3(19), LOCAL4(20), LOCAL5(21), LOCAL6(22), LOCAL7(23);

	private final int code;

	SyslogFacility(int code) {
		this.code = code;
	}

	int code() {
		return this.code;
	}

	/**
	 * The facility of an option value.
	 * @throws IllegalArgumentException unknown name (go-syslog's text)
	 */
	static SyslogFacility of(String name) {
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid syslog facility: " + name);
		}
	}

}
