package io.coffer.audit.device.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the last records of every partition of the device's topic and says which lines
 * they carry (from the {@code coffer-journal} and {@code coffer-seq} headers): what a
 * previous life of the device already wrote. No consumer group, no committed offsets.
 */
final class KafkaTail {

	static final String JOURNAL_HEADER = "coffer-journal";

	static final String SEQ_HEADER = "coffer-seq";

	private final KafkaOptions options;

	KafkaTail(KafkaOptions options) {
		this.options = options;
	}

	/**
	 * The lines in the last {@code recovery_window} records of each partition, up to the
	 * partitions' ends as they are now.
	 * @throws IOException the topic cannot be read within {@code write_timeout}
	 */
	Set<LineKey> read() throws IOException {
		Map<String, Object> config = this.options.connection();
		config.put("client.id", this.options.clientId() + "-recovery");
		config.put("enable.auto.commit", "false");
		config.put("max.poll.records", Math.min(this.options.recoveryWindow(), 2000));
		Duration timeout = this.options.writeTimeout();
		long deadline = System.nanoTime() + timeout.toNanos();
		Set<LineKey> present = new HashSet<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<PartitionInfo> partitions = consumer.partitionsFor(this.options.topic(), timeout);
			List<TopicPartition> topicPartitions = partitions.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			Map<TopicPartition, Long> ends = consumer.endOffsets(topicPartitions, timeout);
			Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(topicPartitions, timeout);
			Map<TopicPartition, Long> pending = new HashMap<>();
			for (TopicPartition partition : topicPartitions) {
				long end = ends.get(partition);
				long start = Math.max(beginnings.get(partition), end - this.options.recoveryWindow());
				if (start < end) {
					pending.put(partition, end);
				}
			}
			consumer.assign(pending.keySet());
			for (Map.Entry<TopicPartition, Long> partition : pending.entrySet()) {
				consumer.seek(partition.getKey(), Math.max(beginnings.get(partition.getKey()),
						partition.getValue() - this.options.recoveryWindow()));
			}
			while (!pending.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IOException("reading back the tail of kafka topic " + this.options.topic()
							+ " took longer than " + timeout.toMillis() + " ms");
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer
					.poll(Duration.ofNanos(Math.min(left, 500_000_000L)))) {
					LineKey key = keyOf(record);
					if (key != null) {
						present.add(key);
					}
				}
				pending.entrySet()
					.removeIf((partition) -> consumer.position(partition.getKey()) >= partition.getValue());
			}
		}
		catch (KafkaException ex) {
			throw new IOException("cannot read back kafka topic " + this.options.topic() + ": "
					+ ex.getClass().getSimpleName() + " " + ex.getMessage());
		}
		return present;
	}

	private static LineKey keyOf(ConsumerRecord<byte[], byte[]> record) {
		Header journal = record.headers().lastHeader(JOURNAL_HEADER);
		Header seq = record.headers().lastHeader(SEQ_HEADER);
		if (journal == null || seq == null) {
			return null;
		}
		try {
			return new LineKey(new String(journal.value(), StandardCharsets.UTF_8),
					Long.parseLong(new String(seq.value(), StandardCharsets.UTF_8)));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
