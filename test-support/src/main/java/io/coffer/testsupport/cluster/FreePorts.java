package io.coffer.testsupport.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports the operating system reports free, so that tests never collide with a local suite
 * on 8200/8210+/5701+ or with each other.
 */
final class FreePorts {

	private FreePorts() {
	}

	static List<Integer> allocate(int count) {
		// Keep every socket open until all are chosen, so the same port is never handed
		// out twice.
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				socket.setReuseAddress(true);
				sockets.add(socket);
			}
			return sockets.stream().map(ServerSocket::getLocalPort).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free ports", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// closing a listening socket we own cannot leak anything
				}
			}
		}
	}

}
