package io.coffer.bench.audit;

import java.nio.file.Path;
import java.util.Map;

import io.coffer.testsupport.http.VaultHttp;

/**
 * Enables and disables the benchmark's audit devices through the gateway
 * ({@code sys/audit}), as an operator would.
 */
public final class AuditDevices {

	/** The file device's path in {@code sys/audit}. */
	public static final String FILE = "bench-file";

	/** The kafka device's path in {@code sys/audit}. */
	public static final String KAFKA = "bench-kafka";

	private final VaultHttp http;

	public AuditDevices(VaultHttp http) {
		this.http = http;
	}

	public void enableFile(Path file) {
		this.http.put("sys/audit/" + FILE, Map.of("type", "file", "options", Map.of("file_path", file.toString())))
			.requireSuccess();
	}

	public void enableKafka(String bootstrapServers, String topic) {
		this.http
			.put("sys/audit/" + KAFKA,
					Map.of("type", "kafka", "options", Map.of("bootstrap_servers", bootstrapServers, "topic", topic)))
			.requireSuccess();
	}

	public void disableAll() {
		this.http.delete("sys/audit/" + FILE);
		this.http.delete("sys/audit/" + KAFKA);
	}

}
