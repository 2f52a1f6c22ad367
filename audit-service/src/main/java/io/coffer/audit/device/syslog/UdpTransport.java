package io.coffer.audit.device.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.List;

/**
 * RFC 5426: one message per datagram, on a connected socket so that the agent's ICMP
 * "port unreachable" surfaces as an error. A message larger than a datagram can carry is
 * an error, not a truncation: the line is kept and retried until the operator switches
 * the device to TCP (Vault's syslog device warns about this limit too).
 */
final class UdpTransport implements SyslogTransport {

	/** The largest UDP payload over IPv4. */
	static final int MAX_DATAGRAM = 65_507;

	/** How long the probe waits for an ICMP error after its datagram. */
	private static final Duration PROBE_WAIT = Duration.ofMillis(200);

	private final InetSocketAddress address;

	private DatagramChannel channel;

	UdpTransport(InetSocketAddress address) {
		this.address = address;
	}

	@Override
	public void probe(byte[] probe) throws IOException {
		DatagramChannel open = open();
		// A closed port answers with ICMP, which a connected channel reports on its next
		// read. (An empty datagram is never sent by the JDK, hence a real message.)
		try {
			open.configureBlocking(false);
			open.write(ByteBuffer.wrap(probe));
			try (Selector selector = Selector.open()) {
				open.register(selector, SelectionKey.OP_READ);
				if (selector.select(PROBE_WAIT.toMillis()) > 0) {
					open.read(ByteBuffer.allocate(1));
				}
			}
			open.configureBlocking(true);
		}
		catch (PortUnreachableException ex) {
			close();
			throw new IOException("syslog agent at " + this.address + " is not listening (port unreachable)");
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
	}

	@Override
	public void send(List<byte[]> messages) throws IOException {
		for (byte[] message : messages) {
			if (message.length > MAX_DATAGRAM) {
				throw new IOException("a syslog message of " + message.length
						+ " bytes exceeds the UDP datagram limit; use socket_type=tcp");
			}
		}
		DatagramChannel open = open();
		try {
			for (byte[] message : messages) {
				open.write(ByteBuffer.wrap(message));
			}
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
	}

	private DatagramChannel open() throws IOException {
		if (this.channel == null) {
			DatagramChannel opened = DatagramChannel.open();
			try {
				opened.connect(SyslogTransport.resolve(this.address));
			}
			catch (IOException ex) {
				opened.close();
				throw ex;
			}
			this.channel = opened;
		}
		return this.channel;
	}

	@Override
	public void close() throws IOException {
		DatagramChannel open = this.channel;
		this.channel = null;
		if (open != null) {
			open.close();
		}
	}

}
