package io.coffer.audit.device.socket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class SocketSinkTest {

	private final SocketSinkFactory factory = new SocketSinkFactory();

	private static List<DeliveredLine> lines(int from, int to, int size) {
		List<DeliveredLine> lines = new ArrayList<>();
		for (int seq = from; seq <= to; seq++) {
			lines.add(new DeliveredLine("j1", "node-1", seq, "r" + seq,
					"{\"n\":" + seq + ",\"pad\":\"" + "x".repeat(size) + "\"}"));
		}
		return lines;
	}

	@Test
	void aPeerThatStopsReadingTimesOutAndGetsEveryLineOnceInOrderWhenItResumes() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			server.setReceiveBufferSize(4096);
			AuditSink sink = this.factory.create("socket/",
					Map.of("address", "127.0.0.1:" + server.getLocalPort(), "write_timeout", "100ms", "prefix", "> "));
			sink.testWrite();
			Socket peer = server.accept();
			List<DeliveredLine> batch = lines(1, 20000, 2000);
			// nobody reads: the kernel buffers fill and the write times out
			assertThatIOException().isThrownBy(() -> sink.write(batch)).withMessageContaining("timed out");
			List<String> received = Collections.synchronizedList(new ArrayList<>());
			Thread reader = Thread.ofVirtual().start(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
					for (String text = in.readLine(); text != null; text = in.readLine()) {
						received.add(text);
					}
				}
				catch (IOException ex) {
					// closed
				}
			});
			// the peer reads again: the batch, retried as delivery does, goes on where it
			// stopped
			for (int attempt = 1;; attempt++) {
				try {
					sink.write(batch);
					break;
				}
				catch (IOException ex) {
					assertThat(attempt).isLessThan(100);
				}
			}
			sink.write(lines(20001, 20002, 10));
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 20002);
			sink.close();
			reader.join(5000);
			assertThat(received).hasSize(20002);
			for (int i = 0; i < received.size(); i++) {
				assertThat(received.get(i)).startsWith("> {\"n\":" + (i + 1) + ",");
			}
			peer.close();
		}
	}

	@Test
	void anUnreachablePeerFailsTheTestWrite() throws IOException {
		int port;
		try (ServerSocket closed = new ServerSocket(0)) {
			port = closed.getLocalPort();
		}
		AuditSink sink = this.factory.create("socket/", Map.of("address", "127.0.0.1:" + port));
		assertThatIOException().isThrownBy(sink::testWrite).withMessageStartingWith("error connecting to 127.0.0.1:");
	}

	@Test
	void udpSendsADatagramPerLine() throws IOException {
		try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
				AuditSink sink = this.factory.create("socket/",
						Map.of("address", "127.0.0.1:" + peer.getLocalPort(), "socket_type", "udp"))) {
			peer.setSoTimeout(5000);
			sink.testWrite();
			sink.write(lines(1, 2, 1));
			DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
			peer.receive(packet);
			assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
				.isEqualTo("{\"n\":1,\"pad\":\"x\"}\n");
		}
	}

	@Test
	void refusesBadOptions() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create("socket/", Map.of()))
			.withMessage("address is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("socket/", Map.of("address", "h:1", "socket_type", "unix")))
			.withMessageContaining("socket_type");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("socket/", Map.of("address", "h:1", "write_timeout", "soon")))
			.withMessageContaining("write_timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("socket/", Map.of("address", "h:1", "write_timeout", "0s")))
			.withMessageContaining("greater than zero");
	}

}
