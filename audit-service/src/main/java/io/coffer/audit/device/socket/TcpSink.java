package io.coffer.audit.device.socket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;
import io.coffer.audit.device.StreamLines;

/**
 * A socket device over TCP: one connection, kept open, lines written in order. A write
 * that makes no progress for {@code write_timeout} fails the batch but keeps the
 * connection and remembers how far it got (the line in flight and, per journal, the last
 * line sent whole), so that when the peer reads again the retried batch goes on exactly
 * where it stopped: no line twice, none torn. A broken connection is dropped and the line
 * in flight is sent again whole on the next one.
 */
class TcpSink implements AuditSink {

	private final HostPort target;

	private final Duration timeout;

	private final String prefix;

	private final Map<String, Long> sent = new HashMap<>();

	private SocketChannel channel;

	private Selector selector;

	private Pending pending;

	TcpSink(HostPort target, Duration timeout, String prefix) {
		this.target = target;
		this.timeout = timeout;
		this.prefix = prefix;
	}

	@Override
	public synchronized void testWrite() throws IOException {
		try {
			connect();
		}
		catch (IOException ex) {
			throw new IOException("error connecting to " + this.target + ": " + describe(ex), ex);
		}
	}

	@Override
	public synchronized void write(List<DeliveredLine> lines) throws IOException {
		connect();
		if (this.pending != null) {
			send(this.pending.bytes);
			this.sent.put(this.pending.journal, this.pending.seq);
			this.pending = null;
		}
		for (DeliveredLine line : lines) {
			Long last = this.sent.get(line.journal());
			if (last != null && line.seq() <= last) {
				continue;
			}
			this.pending = new Pending(line.journal(), line.seq(),
					ByteBuffer.wrap(StreamLines.encode(this.prefix, line)));
			send(this.pending.bytes);
			this.sent.put(line.journal(), line.seq());
			this.pending = null;
		}
	}

	@Override
	public synchronized void close() {
		disconnect();
	}

	private void connect() throws IOException {
		if (this.channel != null) {
			return;
		}
		InetSocketAddress address = this.target.resolve();
		if (address.isUnresolved()) {
			throw new IOException("unknown host " + this.target.host());
		}
		SocketChannel channel = SocketChannel.open();
		try {
			channel.socket().connect(address, (int) Math.max(this.timeout.toMillis(), 1));
			channel.socket().setTcpNoDelay(true);
			channel.configureBlocking(false);
			this.selector = Selector.open();
			channel.register(this.selector, SelectionKey.OP_WRITE);
			this.channel = channel;
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		if (this.pending != null) {
			// the line in flight went into the broken connection: send it whole
			this.pending.bytes.rewind();
		}
	}

	private void send(ByteBuffer bytes) throws IOException {
		try {
			while (bytes.hasRemaining()) {
				if (this.channel.write(bytes) == 0) {
					this.selector.selectedKeys().clear();
					if (this.selector.select(Math.max(this.timeout.toMillis(), 1)) == 0) {
						throw new SocketTimeoutException(
								"write to " + this.target + " timed out after " + this.timeout.toMillis() + " ms");
					}
				}
			}
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			disconnect();
			throw ex;
		}
	}

	private void disconnect() {
		try {
			if (this.selector != null) {
				this.selector.close();
			}
			if (this.channel != null) {
				this.channel.close();
			}
		}
		catch (IOException ex) {
			// closed either way
		}
		this.selector = null;
		this.channel = null;
	}

	private static String describe(IOException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	@Override
	public String toString() {
		return "TcpSink[" + this.target + "]";
	}

	private record Pending(String journal, long seq, ByteBuffer bytes) {
	}

}
