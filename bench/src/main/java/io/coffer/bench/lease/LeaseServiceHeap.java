package io.coffer.bench.lease;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * lease-service's heap after a full GC: the running process found by its jar's name, a GC
 * forced with {@code jcmd}, then the heap in use read from its Prometheus endpoint
 * ({@code jvm_memory_used_bytes{area="heap"}}, summed over the pools).
 */
final class LeaseServiceHeap {

	private final URI prometheus;

	private final HttpClient http = HttpClient.newHttpClient();

	LeaseServiceHeap(URI leaseService) {
		this.prometheus = leaseService.resolve("/actuator/prometheus");
	}

	/** Megabytes of heap in use right after a full GC. */
	double afterGcMegabytes() throws IOException, InterruptedException {
		long pid = pid().orElseThrow(() -> new IOException("no lease-service process (coffer-lease-service.jar) runs"));
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
			throw new IOException("jcmd " + pid + " GC.run failed");
		}
		String metrics = this.http
			.send(HttpRequest.newBuilder(this.prometheus).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		double bytes = metrics.lines()
			.filter((line) -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
		return bytes / (1024 * 1024);
	}

	private static Optional<Long> pid() {
		return ProcessHandle.allProcesses()
			.filter((p) -> p.info().commandLine().orElse("").contains("coffer-lease-service"))
			.filter((p) -> !p.info().commandLine().orElse("").contains("PropertiesLauncher"))
			.map(ProcessHandle::pid)
			.findFirst();
	}

}
