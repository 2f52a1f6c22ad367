package io.coffer.audit.device.socket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;
import io.coffer.audit.device.StreamLines;

/**
 * A socket device over UDP: one datagram per line. UDP says nothing about arrival:
 * "durable" is "sent".
 */
class UdpSink implements AuditSink {

	private final HostPort target;

	private final String prefix;

	private DatagramChannel channel;

	UdpSink(HostPort target, String prefix) {
		this.target = target;
		this.prefix = prefix;
	}

	@Override
	public synchronized void testWrite() throws IOException {
		try {
			open();
		}
		catch (IOException ex) {
			throw new IOException("error connecting to " + this.target + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public synchronized void write(List<DeliveredLine> lines) throws IOException {
		open();
		try {
			for (DeliveredLine line : lines) {
				this.channel.write(ByteBuffer.wrap(StreamLines.encode(this.prefix, line)));
			}
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
	}

	@Override
	public synchronized void close() {
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// closed either way
			}
			this.channel = null;
		}
	}

	private void open() throws IOException {
		if (this.channel != null) {
			return;
		}
		InetSocketAddress address = this.target.resolve();
		if (address.isUnresolved()) {
			throw new IOException("unknown host " + this.target.host());
		}
		this.channel = DatagramChannel.open();
		this.channel.connect(address);
	}

}
