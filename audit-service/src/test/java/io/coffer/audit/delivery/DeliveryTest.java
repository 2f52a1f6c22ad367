package io.coffer.audit.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.coffer.audit.support.DeliveryStack;
import io.coffer.audit.support.FakeNode;
import io.coffer.common.audit.AuditDevice;
import io.coffer.common.audit.JournalAck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery against in-memory nodes: order, isolation of a stalled device, retries,
 * disabled devices, claims between two instances, chain check.
 */
@Timeout(60)
class DeliveryTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	private static String line(long n, String pad) {
		return "{\"time\":\"2026-01-01T00:00:00.000000001Z\",\"type\":\"request\",\"n\":" + n + ",\"pad\":\"" + pad
				+ "\"}";
	}

	private static AuditDevice device(String path, String type, Map<String, String> options) {
		return new AuditDevice(path, type, "", options, false);
	}

	@Test
	void everyLineReachesTheFileDeviceInOrderAndIsAcked() throws IOException {
		Path file = this.dir.resolve("audit.log");
		try (FakeNode node = new FakeNode("j-order")) {
			node.enable(device("file/", "file", Map.of("file_path", file.toString())));
			for (int i = 1; i <= 150; i++) {
				node.append("r" + i, Map.of("file/", line(i, "")));
			}
			try (DeliveryStack stack = new DeliveryStack("a:1", Duration.ofSeconds(5), node.url()).start()) {
				for (int i = 151; i <= 300; i++) {
					// entries without a line for the device are skipped, never block
					node.append("r" + i, (i % 3 == 0) ? Map.of("other/", "{}") : Map.of("file/", line(i, "")));
				}
				await().atMost(WAIT).until(() -> node.delivered("file/") == node.head());
				List<String> written = Files.readAllLines(file);
				List<String> expected = new ArrayList<>();
				for (int i = 1; i <= 300; i++) {
					if (i <= 150 || i % 3 != 0) {
						expected.add(line(i, ""));
					}
				}
				assertThat(written).containsExactlyElementsOf(expected);
				assertThat(stack.registry.get("coffer.audit.device.delivered").tag("device", "file/").counter().count())
					.isEqualTo(expected.size());
				// "other/" is not enabled: acked to the head, its lines dropped
				await().atMost(WAIT).until(() -> node.delivered("other/") == node.head());
			}
		}
	}

	@Test
	void aSocketPeerThatStopsReadingDelaysNothingElseAndGetsItsBacklogInOrder() throws Exception {
		Path file = this.dir.resolve("audit.log");
		try (FakeNode node = new FakeNode("j-socket"); ServerSocket server = new ServerSocket()) {
			server.setReceiveBufferSize(4096);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			node.enable(device("file/", "file", Map.of("file_path", file.toString())));
			node.enable(device("socket/", "socket",
					Map.of("address", "127.0.0.1:" + server.getLocalPort(), "write_timeout", "100ms")));
			String pad = "x".repeat(4000);
			int count = 3000;
			try (DeliveryStack stack = new DeliveryStack("a:1", Duration.ofSeconds(5), node.url()).start()) {
				// the peer does not read: kernel buffers fill up, the socket device
				// stalls
				for (int i = 1; i <= count; i++) {
					node.append("r" + i, Map.of("file/", line(i, pad), "socket/", line(i, pad)));
				}
				server.setSoTimeout(20_000);
				Socket peer = server.accept();
				await().atMost(WAIT).until(() -> node.delivered("file/") == count);
				assertThat(Files.readAllLines(file)).hasSize(count);
				assertThat(node.delivered("socket/")).isLessThan(count);
				await().atMost(WAIT)
					.until(() -> stack.registry.get("coffer.audit.device.errors")
						.tag("device", "socket/")
						.counter()
						.count() > 0);
				assertThat(stack.registry.get("coffer.audit.device.backlog").tag("device", "socket/").gauge().value())
					.isPositive();
				assertThat(stack.registry.get("coffer.audit.device.lag").tag("device", "socket/").gauge().value())
					.isPositive();
				// the peer reads again: every line arrives, once, in order
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
				await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= count);
				await().atMost(WAIT).until(() -> node.delivered("socket/") == count);
				assertThat(received).hasSize(count);
				for (int i = 0; i < count; i++) {
					assertThat(received.get(i)).isEqualTo(line(i + 1, pad));
				}
				peer.close();
				reader.join(5000);
			}
		}
	}

	@Test
	void aFailingDeviceIsRetriedAndLosesNothing() {
		try (FakeNode node = new FakeNode("j-retry")) {
			node.enable(device("memory/", "memory", Map.of()));
			try (DeliveryStack stack = new DeliveryStack("a:1", Duration.ofSeconds(5), node.url())) {
				stack.memory.failNext(4);
				stack.start();
				for (int i = 1; i <= 50; i++) {
					node.append("r" + i, Map.of("memory/", line(i, "")));
				}
				await().atMost(WAIT).until(() -> node.delivered("memory/") == 50);
				assertThat(stack.memory.failed()).isEqualTo(4);
				List<String> expected = new ArrayList<>();
				for (int i = 1; i <= 50; i++) {
					expected.add(line(i, ""));
				}
				// a batch written again after a failure may repeat; none is lost and the
				// order holds
				assertThat(stack.memory.texts().stream().distinct().toList()).containsExactlyElementsOf(expected);
				assertThat(stack.registry.get("coffer.audit.device.errors").tag("device", "memory/").counter().count())
					.isEqualTo(4);
			}
		}
	}

	@Test
	void onlyTheClaimHolderDeliversAndAnotherTakesOverWhenItStops() {
		try (FakeNode node = new FakeNode("j-claim")) {
			node.enable(device("memory/", "memory", Map.of()));
			DeliveryStack first = new DeliveryStack("first:1", Duration.ofSeconds(1), node.url()).start();
			await().atMost(WAIT).until(() -> "first:1".equals(node.holder()));
			try (DeliveryStack second = new DeliveryStack("second:1", Duration.ofSeconds(1), node.url()).start()) {
				for (int i = 1; i <= 20; i++) {
					node.append("r" + i, Map.of("memory/", line(i, "")));
				}
				await().atMost(WAIT).until(() -> node.delivered("memory/") == 20);
				assertThat(first.memory.lines()).hasSize(20);
				assertThat(second.memory.lines()).isEmpty();
				assertThat(node.acks()).extracting(JournalAck::instance).containsOnly("first:1");
				first.close();
				node.append("r21", Map.of("memory/", line(21, "")));
				await().atMost(WAIT).until(() -> node.delivered("memory/") == 21);
				assertThat(second.memory.texts()).containsExactly(line(21, ""));
				assertThat(node.holder()).isEqualTo("second:1");
			}
		}
	}

	@Test
	void aBrokenChainIsCountedAndTheLineStillDelivered() {
		try (FakeNode node = new FakeNode("j-chain")) {
			node.enable(device("memory/", "memory", Map.of()));
			try (DeliveryStack stack = new DeliveryStack("a:1", Duration.ofSeconds(5), node.url()).start()) {
				String first = "{\"n\":1,\"coffer_chain\":{\"journal\":\"j-chain\",\"seq\":1,\"prev\":\"\"}}";
				String second = "{\"n\":2,\"coffer_chain\":{\"journal\":\"j-chain\",\"seq\":2,\"prev\":\"sha256:"
						+ ChainCheck.sha256(first) + "\"}}";
				String tampered = "{\"n\":3,\"coffer_chain\":{\"journal\":\"j-chain\",\"seq\":3,\"prev\":\"sha256:00\"}}";
				node.append("r1", Map.of("memory/", first));
				node.append("r2", Map.of("memory/", second));
				node.append("r3", Map.of("memory/", tampered));
				await().atMost(WAIT).until(() -> node.delivered("memory/") == 3);
				assertThat(stack.memory.texts()).containsExactly(first, second, tampered);
				assertThat(stack.registry.get(DeliveryMetrics.CHAIN_FAILURES).counter().count()).isEqualTo(1);
			}
		}
	}

}
