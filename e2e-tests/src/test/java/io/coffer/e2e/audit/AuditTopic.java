package io.coffer.e2e.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Reads an audit topic from its beginning, as a SIEM's consumer would (read committed, a
 * group of its own), and parses each record's value as an audit entry.
 */
public final class AuditTopic {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuditTopic() {
	}

	/** Every record of the topic so far, read again until {@code done} holds. */
	public static List<JsonNode> awaitRecords(String bootstrap, String topic, Predicate<List<JsonNode>> done,
			Duration atMost) {
		List<JsonNode> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
						"audit-it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await("records in " + topic).atMost(atMost).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					int start = record.value().indexOf('{');
					records.add(JSON.readTree(record.value().substring(Math.max(start, 0))));
				}
				return done.test(records);
			});
		}
		return records;
	}

}
