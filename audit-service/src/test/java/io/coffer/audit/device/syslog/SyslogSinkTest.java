package io.coffer.audit.device.syslog;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIOException;

class SyslogSinkTest {

	private static final Pattern RFC5424 = Pattern.compile("<(\\d+)>1 (\\S+) (\\S+) (\\S+) (\\d+) audit - (.*)",
			Pattern.DOTALL);

	private static final String LINE = "{\"type\":\"request\",\"request\":{\"path\":\"secret/données\"},"
			+ "\"coffer_chain\":{\"journal\":\"j1\",\"seq\":7,\"prev\":\"\"}}";

	private final SyslogSinkFactory factory = new SyslogSinkFactory(
			Clock.fixed(Instant.parse("2026-12-07T04:30:01.123456789Z"), ZoneOffset.UTC));

	@Test
	void udpSendsOneRfc5424MessagePerLineWithVaultsDefaults() throws Exception {
		try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress());
				AuditSink sink = this.factory.create("syslog/",
						Map.of("address", "127.0.0.1:" + listener.getLocalPort()))) {
			listener.setSoTimeout(5000);
			sink.testWrite();
			assertThat(receive(listener)).as("the probe: MSGID test, no MSG, no entry")
				.matches("<38>1 2026-12-07T04:30:01.123456Z \\S+ vault \\d+ test -");
			sink.write(List.of(line(7, LINE), line(8, "{\"type\":\"response\"}")));
			Matcher first = parse(receive(listener));
			assertThat(first.group(1)).isEqualTo("38"); // AUTH (4) * 8 + informational
														// (6)
			assertThat(first.group(2)).isEqualTo("2026-12-07T04:30:01.123456Z");
			assertThat(first.group(4)).isEqualTo("vault");
			assertThat(Long.parseLong(first.group(5))).isEqualTo(ProcessHandle.current().pid());
			JsonNode entry = JsonMapper.shared().readTree(first.group(6));
			assertThat(entry.path("request").path("path").asString()).isEqualTo("secret/données");
			assertThat(first.group(6)).isEqualTo(LINE);
			assertThat(parse(receive(listener)).group(6)).isEqualTo("{\"type\":\"response\"}");
		}
	}

	@Test
	void tcpFramesEachMessageWithItsOctetCountAndAppliesFacilityTagAndPrefix() throws Exception {
		try (TcpListener listener = new TcpListener();
				AuditSink sink = this.factory.create("syslog/", Map.of("address", "localhost:" + listener.port(),
						"socket_type", "tcp", "facility", "local3", "tag", "coffer-audit", "prefix", "AUDIT: "))) {
			sink.testWrite();
			sink.write(List.of(line(7, LINE), line(8, "{\"type\":\"response\"}")));
			Matcher first = parse(listener.next());
			assertThat(first.group(1)).isEqualTo(String.valueOf(19 * 8 + 6));
			assertThat(first.group(4)).isEqualTo("coffer-audit");
			assertThat(first.group(6)).isEqualTo("AUDIT: " + LINE);
			assertThat(parse(listener.next()).group(6)).isEqualTo("AUDIT: {\"type\":\"response\"}");
		}
	}

	@Test
	void tcpReconnectsWhenTheAgentClosedTheConnection() throws Exception {
		try (TcpListener listener = new TcpListener();
				AuditSink sink = this.factory.create("syslog/",
						Map.of("address", "127.0.0.1:" + listener.port(), "socket_type", "tcp"))) {
			sink.write(List.of(line(1, "{\"n\":1}")));
			assertThat(parse(listener.next()).group(6)).isEqualTo("{\"n\":1}");
			listener.dropConnections();
			sink.write(List.of(line(2, "{\"n\":2}")));
			assertThat(parse(listener.next()).group(6)).isEqualTo("{\"n\":2}");
		}
	}

	@Test
	void testWriteFailsWhenNoAgentListens() throws Exception {
		int closedPort;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = probe.getLocalPort();
		}
		try (AuditSink tcp = this.factory.create("syslog/",
				Map.of("address", "127.0.0.1:" + closedPort, "socket_type", "tcp"))) {
			assertThatIOException().isThrownBy(tcp::testWrite).withMessageContaining("syslog agent");
		}
		try (AuditSink udp = this.factory.create("syslog/", Map.of("address", "127.0.0.1:" + closedPort))) {
			assertThatIOException().isThrownBy(udp::testWrite).withMessageContaining("not listening");
		}
	}

	@Test
	void udpRefusesAMessageLargerThanADatagramRatherThanTruncatingIt() throws Exception {
		try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress());
				AuditSink sink = this.factory.create("syslog/",
						Map.of("address", "127.0.0.1:" + listener.getLocalPort()))) {
			String big = "{\"x\":\"" + "a".repeat(UdpTransport.MAX_DATAGRAM) + "\"}";
			assertThatIOException().isThrownBy(() -> sink.write(List.of(line(1, big))))
				.withMessageContaining("socket_type=tcp");
		}
	}

	@Test
	void refusesInvalidOptionsWithVaultStyleMessages() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create("s/", Map.of("facility", "nope")))
			.withMessage("invalid syslog facility: nope");
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create("s/", Map.of("socket_type", "unix")))
			.withMessageContaining("socket_type");
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create("s/", Map.of("tag", "has space")))
			.withMessageContaining("tag");
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create("s/", Map.of("address", "nohost")))
			.withMessageContaining("host:port");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("s/", Map.of("write_timeout", "soon")))
			.withMessageContaining("write_timeout");
	}

	private static DeliveredLine line(long seq, String line) {
		return new DeliveredLine("j1", "node-1", seq, "req-" + seq, line);
	}

	private static Matcher parse(String message) {
		Matcher matcher = RFC5424.matcher(message);
		assertThat(matcher.matches()).as(message).isTrue();
		return matcher;
	}

	private static String receive(DatagramSocket listener) throws IOException {
		DatagramPacket packet = new DatagramPacket(new byte[70_000], 70_000);
		listener.receive(packet);
		return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
	}

	/** A syslog TCP receiver reading RFC 6587 octet-counted frames. */
	private static final class TcpListener implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());

		private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		private final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

		TcpListener() throws IOException {
			Thread.ofVirtual().start(this::accept);
		}

		int port() {
			return this.server.getLocalPort();
		}

		String next() throws InterruptedException {
			String message = this.messages.poll(5, TimeUnit.SECONDS);
			assertThat(message).as("a syslog message").isNotNull();
			return message;
		}

		void dropConnections() throws IOException {
			for (Socket socket : this.accepted) {
				socket.close();
			}
		}

		private void accept() {
			try {
				while (true) {
					Socket socket = this.server.accept();
					this.accepted.add(socket);
					Thread.ofVirtual().start(() -> read(socket));
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		private void read(Socket socket) {
			try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
				while (true) {
					StringBuilder length = new StringBuilder();
					int c;
					while ((c = in.read()) != ' ') {
						if (c < 0) {
							return;
						}
						length.append((char) c);
					}
					byte[] message = new byte[Integer.parseInt(length.toString())];
					in.readFully(message);
					this.messages.add(new String(message, StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			dropConnections();
		}

	}

}
