package io.coffer.audit.device.socket;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.AuditSinkFactory;
import io.coffer.audit.device.CommonOptions;
import io.coffer.audit.device.GoDurations;

import org.springframework.stereotype.Component;

/**
 * Vault's {@code socket} device: {@code address} ({@code host:port}), {@code socket_type}
 * ({@code tcp} default, or {@code udp}), {@code write_timeout} (default {@code 2s}),
 * {@code prefix}. One line per entry, newline-terminated (one datagram per line over
 * UDP).
 */
@Component
public class SocketSinkFactory implements AuditSinkFactory {

	@Override
	public String type() {
		return "socket";
	}

	@Override
	public AuditSink create(String path, Map<String, String> options) {
		String address = options.get("address");
		if (address == null || address.isBlank()) {
			throw new IllegalArgumentException("address is required");
		}
		HostPort target = HostPort.parse(address);
		String type = options.getOrDefault("socket_type", "tcp").toLowerCase(Locale.ROOT);
		Duration timeout = GoDurations.option("write_timeout", options.get("write_timeout"), Duration.ofSeconds(2));
		String prefix = CommonOptions.prefix(options);
		return switch (type) {
			case "tcp" -> new TcpSink(target, timeout, prefix);
			case "udp" -> new UdpSink(target, prefix);
			default -> throw new IllegalArgumentException("unsupported socket_type: \"" + type + "\"");
		};
	}

}
