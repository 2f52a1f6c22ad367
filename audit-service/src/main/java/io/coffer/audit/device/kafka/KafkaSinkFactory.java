package io.coffer.audit.device.kafka;

import java.util.Map;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.AuditSinkFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code kafka} device type (Coffer's own; Vault has none): every line as a record of
 * an existing topic, exactly once; see {@link KafkaOptions} and {@link KafkaSink}.
 */
@Component
public class KafkaSinkFactory implements AuditSinkFactory {

	@Override
	public String type() {
		return "kafka";
	}

	@Override
	public AuditSink create(String path, Map<String, String> options) {
		return new KafkaSink(KafkaOptions.of(options));
	}

}
