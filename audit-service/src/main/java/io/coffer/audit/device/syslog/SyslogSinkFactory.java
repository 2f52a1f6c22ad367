package io.coffer.audit.device.syslog;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.AuditSinkFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code syslog} device type: RFC 5424 messages to a syslog agent over UDP (default)
 * or TCP. Options: {@code address} (default {@code 127.0.0.1:514}), {@code socket_type}
 * ({@code udp}|{@code tcp}), {@code facility} (default {@code AUTH}), {@code tag}
 * (default {@code vault}), {@code write_timeout} (TCP, default 2s), plus the common
 * {@code prefix}.
 */
@Component
public class SyslogSinkFactory implements AuditSinkFactory {

	private final Clock clock;

	private final String hostName;

	public SyslogSinkFactory(Clock clock) {
		this.clock = clock;
		this.hostName = localHostName();
	}

	@Override
	public String type() {
		return "syslog";
	}

	@Override
	public AuditSink create(String path, Map<String, String> options) {
		SyslogOptions parsed = SyslogOptions.of(options);
		Rfc5424 format = new Rfc5424(parsed.facility(), this.hostName, parsed.tag(), ProcessHandle.current().pid());
		return new SyslogSink(parsed, format, this.clock);
	}

	private static String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "-";
		}
	}

}
