package io.coffer.audit.device.syslog;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;

/**
 * A {@code syslog} device: each line as one RFC 5424 message to a syslog agent. Delivery
 * calls it from one thread at a time.
 */
final class SyslogSink implements AuditSink {

	private final SyslogOptions options;

	private final Rfc5424 format;

	private final SyslogTransport transport;

	private final Clock clock;

	SyslogSink(SyslogOptions options, Rfc5424 format, Clock clock) {
		this.options = options;
		this.format = format;
		this.clock = clock;
		this.transport = options.tcp() ? new TcpTransport(options.address(), options.writeTimeout())
				: new UdpTransport(options.address());
	}

	@Override
	public synchronized void testWrite() throws IOException {
		this.transport.probe(this.format.probe(this.clock.instant()));
	}

	@Override
	public synchronized void write(List<DeliveredLine> lines) throws IOException {
		List<byte[]> messages = new ArrayList<>(lines.size());
		for (DeliveredLine line : lines) {
			messages.add(this.format.message(this.clock.instant(), this.options.prefix(), line.line()));
		}
		this.transport.send(messages);
	}

	@Override
	public synchronized void close() throws IOException {
		this.transport.close();
	}

}
