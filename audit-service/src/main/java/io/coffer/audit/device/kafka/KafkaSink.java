package io.coffer.audit.device.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@code kafka} device: one record per line, key = the request id (a request's request
 * and response entries share a partition, in order), value = prefix + line, headers
 * {@code coffer-journal}, {@code coffer-seq} and {@code coffer-node}. An idempotent
 * producer with {@code acks=all}; {@link #write} returns once every record is
 * acknowledged.
 *
 * <p>
 * Exactly once across crashes: delivery writes a batch again when it cannot know what
 * arrived (this process died, or a write failed half-way). So before its first write, and
 * again after any failed one, the sink reads back the tail of every partition
 * ({@link KafkaTail}) and skips the lines found there. Lines it wrote itself are
 * remembered too (bounded), for a batch redelivered because its acknowledgement to the
 * journal failed.
 */
final class KafkaSink implements AuditSink {

	static final String NODE_HEADER = "coffer-node";

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	private final KafkaOptions options;

	private final KafkaTail tail;

	private final int rememberedMax;

	/** Lines known to be in the topic, oldest first. */
	private final LinkedHashSet<LineKey> present = new LinkedHashSet<>();

	private KafkaProducer<byte[], byte[]> producer;

	private boolean readBack;

	KafkaSink(KafkaOptions options) {
		this.options = options;
		this.tail = new KafkaTail(options);
		this.rememberedMax = Math.max(10_000, options.recoveryWindow());
	}

	/**
	 * The cluster answers within {@code write_timeout} and the topic exists. Writes
	 * nothing.
	 */
	@Override
	public synchronized void testWrite() throws IOException {
		Duration timeout = this.options.writeTimeout();
		try (Admin admin = Admin.create(this.options.connection())) {
			admin.describeTopics(List.of(this.options.topic()))
				.allTopicNames()
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				throw new IOException("kafka topic \"" + this.options.topic() + "\" does not exist");
			}
			if (ex.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
				throw new IOException("kafka cluster at " + this.options.bootstrapServers() + " did not answer within "
						+ timeout.toMillis() + " ms");
			}
			throw new IOException("kafka cluster at " + this.options.bootstrapServers() + " refused: "
					+ ex.getCause().getClass().getSimpleName() + " " + ex.getCause().getMessage());
		}
		catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException ex) {
			throw new IOException("kafka cluster at " + this.options.bootstrapServers() + " did not answer within "
					+ timeout.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while checking the kafka topic");
		}
		catch (org.apache.kafka.common.KafkaException ex) {
			throw new IOException("kafka cluster at " + this.options.bootstrapServers() + " refused: "
					+ ex.getClass().getSimpleName() + " " + ex.getMessage());
		}
	}

	@Override
	public synchronized void write(List<DeliveredLine> lines) throws IOException {
		if (!this.readBack) {
			remember(this.tail.read());
			this.readBack = true;
		}
		List<DeliveredLine> missing = lines.stream()
			.filter((line) -> !this.present.contains(new LineKey(line.journal(), line.seq())))
			.toList();
		if (missing.isEmpty()) {
			return;
		}
		KafkaProducer<byte[], byte[]> open = producer();
		List<Future<RecordMetadata>> sent = new ArrayList<>(missing.size());
		try {
			for (DeliveredLine line : missing) {
				sent.add(open.send(record(line)));
			}
			open.flush();
			for (Future<RecordMetadata> future : sent) {
				future.get();
			}
		}
		catch (ExecutionException | RuntimeException ex) {
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			failed();
			throw new IOException("kafka write to " + this.options.topic() + " failed: "
					+ cause.getClass().getSimpleName() + " " + cause.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failed();
			throw new IOException("interrupted while writing to kafka");
		}
		remember(missing.stream().map((line) -> new LineKey(line.journal(), line.seq())).toList());
	}

	private ProducerRecord<byte[], byte[]> record(DeliveredLine line) {
		byte[] key = (line.requestId() != null) ? line.requestId().getBytes(StandardCharsets.UTF_8) : null;
		byte[] value = (this.options.prefix() + line.line()).getBytes(StandardCharsets.UTF_8);
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(this.options.topic(), key, value);
		record.headers().add(KafkaTail.JOURNAL_HEADER, line.journal().getBytes(StandardCharsets.UTF_8));
		record.headers().add(KafkaTail.SEQ_HEADER, Long.toString(line.seq()).getBytes(StandardCharsets.UTF_8));
		if (line.node() != null) {
			record.headers().add(NODE_HEADER, line.node().getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

	private KafkaProducer<byte[], byte[]> producer() {
		if (this.producer == null) {
			Map<String, Object> config = this.options.connection();
			int timeout = (int) this.options.writeTimeout().toMillis();
			config.put("acks", "all");
			config.put("enable.idempotence", "true");
			config.put("max.in.flight.requests.per.connection", 5);
			config.put("retries", Integer.MAX_VALUE);
			config.put("linger.ms", 0);
			config.put("delivery.timeout.ms", timeout);
			config.put("max.block.ms", timeout);
			this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
		}
		return this.producer;
	}

	/**
	 * After a failure some records of the batch may be in the topic: drop the producer
	 * (an idempotent one may be unusable after an error) once nothing is in flight, and
	 * read the tail again before the next write.
	 */
	private void failed() {
		this.readBack = false;
		KafkaProducer<byte[], byte[]> open = this.producer;
		this.producer = null;
		if (open != null) {
			try {
				open.flush();
			}
			catch (RuntimeException ex) {
				// closing below is what matters
			}
			open.close(CLOSE_WAIT);
		}
	}

	private void remember(Iterable<LineKey> keys) {
		for (LineKey key : keys) {
			this.present.add(key);
		}
		Iterator<LineKey> oldest = this.present.iterator();
		while (this.present.size() > this.rememberedMax && oldest.hasNext()) {
			oldest.next();
			oldest.remove();
		}
	}

	@Override
	public synchronized void close() {
		KafkaProducer<byte[], byte[]> open = this.producer;
		this.producer = null;
		if (open != null) {
			open.close(CLOSE_WAIT);
		}
	}

}
