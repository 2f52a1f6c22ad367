package io.coffer.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import io.coffer.e2e.cluster.CofferClusterExtension;
import io.coffer.e2e.http.VaultHttp;
import io.coffer.e2e.http.VaultReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures (does not judge) KV v2 latency through the gateway on a three-node cluster:
 * 1,000 sequential writes, then 1,000 sequential reads of the same secrets. The figures
 * are printed and written to target/e2e-results/latency.txt; they depend on the machine,
 * so nothing here asserts a timing.
 */
class GatewayLatencyIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static final int REQUESTS = 1_000;

	private static final int WARM_UP = 100;

	@Test
	void measuresSequentialWriteAndReadLatency() throws IOException {
		VaultHttp http = coffer.cluster().http();
		String token = coffer.cluster().rootToken();
		for (int i = 0; i < WARM_UP; i++) {
			assertThat(http.post("secret/data/latency/warm-up", Map.of("data", Map.of("i", i)), token).status())
				.isEqualTo(200);
		}

		long[] writes = new long[REQUESTS];
		for (int i = 0; i < REQUESTS; i++) {
			long start = System.nanoTime();
			VaultReply reply = http.post("secret/data/latency/k" + i, Map.of("data", Map.of("v", "value-" + i)), token);
			writes[i] = System.nanoTime() - start;
			assertThat(reply.status()).isEqualTo(200);
		}
		long[] reads = new long[REQUESTS];
		for (int i = 0; i < REQUESTS; i++) {
			long start = System.nanoTime();
			VaultReply reply = http.get("secret/data/latency/k" + i, token);
			reads[i] = System.nanoTime() - start;
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.json().get("data").get("data").get("v").asString()).isEqualTo("value-" + i);
		}

		String report = String.format(
				"LATENCY (%d sequential KV v2 requests each, via the gateway, %d nodes, %d cores)%n"
						+ "  writes: %s%n  reads:  %s%n",
				REQUESTS, coffer.cluster().nodes().size(), Runtime.getRuntime().availableProcessors(), summary(writes),
				summary(reads));
		System.out.print(report);
		Path results = Path.of("target", "e2e-results");
		Files.createDirectories(results);
		Files.writeString(results.resolve("latency.txt"), report);
	}

	private static String summary(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		long total = Arrays.stream(sorted).sum();
		return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, %.0f req/s", millis(sorted, 0.50),
				millis(sorted, 0.90), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
				sorted.length / (total / 1e9));
	}

	private static double millis(long[] sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

}
