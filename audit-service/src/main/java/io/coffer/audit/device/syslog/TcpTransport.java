package io.coffer.audit.device.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6587 octet counting ({@code LEN SP MSG}) over one TCP connection, kept open between
 * batches and opened again after any failure. Non-blocking with a selector, so that a
 * receiver that stops reading fails the write after {@code write_timeout} without
 * progress instead of hanging the device's delivery thread. Bytes accepted by the kernel
 * are as durable as plain syslog over TCP allows (it has no acknowledgement).
 */
final class TcpTransport implements SyslogTransport {

	private final InetSocketAddress address;

	private final Duration timeout;

	private SocketChannel channel;

	private Selector selector;

	TcpTransport(InetSocketAddress address, Duration timeout) {
		this.address = address;
		this.timeout = timeout;
	}

	@Override
	public void probe(byte[] probe) throws IOException {
		open();
	}

	@Override
	public void send(List<byte[]> messages) throws IOException {
		List<ByteBuffer> frames = new ArrayList<>(messages.size() * 2);
		for (byte[] message : messages) {
			frames.add(ByteBuffer.wrap((message.length + " ").getBytes(StandardCharsets.US_ASCII)));
			frames.add(ByteBuffer.wrap(message));
		}
		ByteBuffer[] buffers = frames.toArray(ByteBuffer[]::new);
		try {
			SocketChannel open = open();
			SelectionKey key = open.keyFor(this.selector);
			key.interestOps(SelectionKey.OP_WRITE);
			while (buffers[buffers.length - 1].hasRemaining()) {
				if (open.write(buffers) == 0) {
					awaitProgress("write");
				}
			}
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
	}

	private SocketChannel open() throws IOException {
		if (this.channel != null && peerClosed()) {
			close();
		}
		if (this.channel == null) {
			SocketChannel opened = SocketChannel.open();
			Selector opener = Selector.open();
			try {
				opened.configureBlocking(false);
				opened.register(opener, SelectionKey.OP_CONNECT);
				this.channel = opened;
				this.selector = opener;
				if (!opened.connect(SyslogTransport.resolve(this.address))) {
					awaitProgress("connect");
					opened.finishConnect();
				}
			}
			catch (IOException ex) {
				close();
				opened.close();
				opener.close();
				throw new IOException("cannot connect to the syslog agent at " + this.address + ": " + ex.getMessage(),
						ex);
			}
		}
		return this.channel;
	}

	/** A syslog receiver never writes: readable means it closed the connection. */
	private boolean peerClosed() throws IOException {
		SelectionKey key = this.channel.keyFor(this.selector);
		key.interestOps(SelectionKey.OP_READ);
		if (this.selector.selectNow() == 0) {
			return false;
		}
		this.selector.selectedKeys().clear();
		try {
			return this.channel.read(ByteBuffer.allocate(256)) < 0;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private void awaitProgress(String what) throws IOException {
		this.selector.selectedKeys().clear();
		if (this.selector.select(this.timeout.toMillis()) == 0) {
			throw new IOException("syslog " + what + " timed out after " + this.timeout.toMillis() + " ms");
		}
		this.selector.selectedKeys().clear();
	}

	@Override
	public void close() throws IOException {
		SocketChannel open = this.channel;
		Selector openSelector = this.selector;
		this.channel = null;
		this.selector = null;
		try {
			if (open != null) {
				open.close();
			}
		}
		finally {
			if (openSelector != null) {
				openSelector.close();
			}
		}
	}

}
