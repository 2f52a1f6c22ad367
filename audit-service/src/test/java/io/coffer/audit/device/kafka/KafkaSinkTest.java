package io.coffer.audit.device.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** Against a real in-process KRaft broker, one for the class. */
class KafkaSinkTest {

	private static final int PARTITIONS = 3;

	private static EmbeddedKafkaKraftBroker broker;

	private final KafkaSinkFactory factory = new KafkaSinkFactory();

	@BeforeAll
	static void startBroker() {
		for (String noisy : new String[] { "org.apache.kafka", "kafka", "state.change.logger",
				"org.springframework.kafka" }) {
			((Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.WARN);
		}
		broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
		broker.brokerProperty("auto.create.topics.enable", "false");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void writesEveryLineAsARecordKeyedByRequestIdWithJournalAndSeqHeaders() throws IOException {
		String topic = topic();
		try (AuditSink sink = sink(topic, Map.of("prefix", "coffer: "))) {
			sink.testWrite();
			sink.write(lines("journal-a", 1, 5));
		}
		List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 5);
		assertThat(records).hasSize(5);
		ConsumerRecord<byte[], byte[]> first = records.stream()
			.filter((record) -> header(record, "coffer-seq").equals("1"))
			.findFirst()
			.orElseThrow();
		assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("req-1");
		assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("coffer: {\"seq\":1}");
		assertThat(header(first, "coffer-journal")).isEqualTo("journal-a");
		assertThat(header(first, "coffer-node")).isEqualTo("node-1");
	}

	@Test
	void everyLineArrivesExactlyOnceWhenANewSinkRewritesTheBatchACrashedOneHalfWrote() throws IOException {
		String topic = topic();
		List<DeliveredLine> batch = new ArrayList<>(lines("journal-a", 1, 20));
		batch.addAll(lines("journal-b", 1, 20));
		AuditSink crashed = sink(topic, Map.of());
		crashed.write(batch.subList(0, 13));
		crashed.write(batch.subList(20, 27));
		// the process dies here: the journal was never acknowledged, so delivery writes
		// the
		// whole batch again from a new life of the device
		try (AuditSink restarted = sink(topic, Map.of())) {
			restarted.write(batch);
			restarted.write(lines("journal-a", 21, 25));
		}
		finally {
			crashed.close();
		}
		List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 45);
		assertThat(records)
			.extracting((record) -> header(record, "coffer-journal") + "/" + header(record, "coffer-seq"))
			.doesNotHaveDuplicates()
			.hasSize(45);
	}

	@Test
	void aBatchWrittenAgainByTheSameSinkIsNotDuplicated() throws IOException {
		String topic = topic();
		try (AuditSink sink = sink(topic, Map.of())) {
			sink.write(lines("journal-a", 1, 10));
			sink.write(lines("journal-a", 1, 12));
		}
		assertThat(readAll(topic, 12)).hasSize(12);
	}

	@Test
	void aFailedWriteFailsTheBatchAndTheNextWriteStartsAfresh() throws IOException {
		String topic = "audit-" + UUID.randomUUID();
		Map<String, String> options = Map.of("bootstrap_servers", broker.getBrokersAsString(), "topic", topic,
				"write_timeout", "500ms");
		try (AuditSink sink = this.factory.create("kafka/", options)) {
			// the topic is not there yet (and the broker creates none): the write times
			// out
			assertThatIOException().isThrownBy(() -> sink.write(lines("journal-a", 1, 3)))
				.withMessageContaining("kafka write to " + topic + " failed");
			broker.addTopics(topic);
			sink.write(lines("journal-a", 1, 3));
		}
		assertThat(readAll(topic, 3)).hasSize(3);
	}

	@Test
	void testWriteFailsForAMissingTopicOrAnUnreachableCluster() throws IOException {
		try (AuditSink sink = sink("no-such-topic", Map.of())) {
			assertThatIOException().isThrownBy(sink::testWrite).withMessageContaining("does not exist");
		}
		int closedPort;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = probe.getLocalPort();
		}
		try (AuditSink sink = this.factory.create("kafka/",
				Map.of("bootstrap_servers", "127.0.0.1:" + closedPort, "topic", "audit", "write_timeout", "1s"))) {
			assertThatIOException().isThrownBy(sink::testWrite).withMessageContaining("did not answer within 1000 ms");
		}
	}

	@Test
	void refusesInvalidOptions() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create("k/", Map.of("topic", "t")))
			.withMessage("bootstrap_servers is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("k/", Map.of("bootstrap_servers", "h:9092")))
			.withMessage("topic is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("k/", Map.of("bootstrap_servers", "h:9092", "topic", "a b")))
			.withMessageStartingWith("invalid topic");
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.factory.create("k/", Map.of("bootstrap_servers", "h:9092", "topic", "t", "kafka.acks", "1")))
			.withMessageContaining("kafka.acks");
		assertThat(this.factory.create("k/",
				Map.of("bootstrap_servers", "h:9092", "topic", "t", "kafka.security.protocol", "SASL_SSL")))
			.isNotNull();
	}

	private AuditSink sink(String topic, Map<String, String> extra) {
		Map<String, String> options = new java.util.HashMap<>(extra);
		options.put("bootstrap_servers", broker.getBrokersAsString());
		options.put("topic", topic);
		options.put("write_timeout", "10s");
		return this.factory.create("kafka/", options);
	}

	private static String topic() {
		String topic = "audit-" + UUID.randomUUID();
		broker.addTopics(topic);
		return topic;
	}

	private static List<DeliveredLine> lines(String journal, int from, int to) {
		return IntStream.rangeClosed(from, to)
			.mapToObj((seq) -> new DeliveredLine(journal, "node-1", seq, "req-" + seq, "{\"seq\":" + seq + "}"))
			.toList();
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	/** Everything in the topic (which holds {@code expected} records once written). */
	private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
		Map<String, Object> config = Map.of("bootstrap.servers", broker.getBrokersAsString(), "enable.auto.commit",
				"false");
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
				.mapToObj((partition) -> new TopicPartition(topic, partition))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).as("records in the topic")
				.isEqualTo(expected);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

}
