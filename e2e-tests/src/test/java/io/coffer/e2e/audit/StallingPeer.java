package io.coffer.e2e.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The far end of a {@code socket} audit device that can stop reading, as a SIEM collector
 * that hangs does: while stalled it accepts connections but reads nothing (its receive
 * buffer is small, so the device's writes soon block); resumed, it reads every connection
 * to its end and keeps the lines.
 */
public final class StallingPeer implements AutoCloseable {

	private final ServerSocket server;

	private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

	private final List<Socket> connections = Collections.synchronizedList(new ArrayList<>());

	private volatile CountDownLatch resumed = new CountDownLatch(0);

	private StallingPeer(ServerSocket server) {
		this.server = server;
	}

	public static StallingPeer start() throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReceiveBufferSize(4096);
		server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		StallingPeer peer = new StallingPeer(server);
		Thread.ofVirtual().name("stalling-peer-accept").start(peer::accept);
		return peer;
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** From now on, connections are accepted but not read. */
	public void stall() {
		this.resumed = new CountDownLatch(1);
	}

	/** Reads every connection again, the backlog first. */
	public void resume() {
		this.resumed.countDown();
	}

	public int linesReceived() {
		return this.lines.size();
	}

	public List<String> received() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				socket.setReceiveBufferSize(4096);
				this.connections.add(socket);
				Thread.ofVirtual().name("stalling-peer-read").start(() -> read(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void read(Socket socket) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1024)) {
			String line;
			while (true) {
				this.resumed.await();
				line = reader.readLine();
				if (line == null) {
					return;
				}
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// the device closed the connection (e.g. after a write timeout)
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
			synchronized (this.connections) {
				for (Socket socket : this.connections) {
					socket.close();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
