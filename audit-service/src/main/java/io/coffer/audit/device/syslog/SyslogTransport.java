package io.coffer.audit.device.syslog;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** How a syslog device's messages travel: UDP datagrams or a TCP stream. */
interface SyslogTransport extends Closeable {

	/**
	 * Proves the agent can be reached without sending it an audit entry.
	 * @param probe a message without MSG, for a transport that can only prove the agent
	 * listens by sending something (UDP)
	 */
	void probe(byte[] probe) throws IOException;

	/** Sends the messages in order; any failure closes the connection. */
	void send(List<byte[]> messages) throws IOException;

	/** The agent's address, resolved now (a syslog host may move). */
	static InetSocketAddress resolve(InetSocketAddress address) throws IOException {
		InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
		if (resolved.isUnresolved()) {
			throw new IOException("unknown syslog host: " + address.getHostString());
		}
		return resolved;
	}

}
