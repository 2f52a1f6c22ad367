package io.coffer.e2e.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the committed Grafana files are: {@code deploy/grafana} under the project root
 * (the system property {@code coffer.project.root}, else the nearest directory above the
 * working directory holding {@code deploy/topology.conf}).
 */
public final class GrafanaFiles {

	private GrafanaFiles() {
	}

	public static Path directory() {
		String configured = System.getProperty("coffer.project.root");
		if (configured != null) {
			return Path.of(configured).toAbsolutePath().normalize().resolve("deploy/grafana");
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("deploy/topology.conf"))) {
				return dir.resolve("deploy/grafana");
			}
		}
		throw new IllegalStateException("no deploy/topology.conf above " + Path.of("").toAbsolutePath());
	}

	/** Every dashboard JSON under {@code deploy/grafana/dashboards}, sorted. */
	public static List<Path> dashboards() {
		try (Stream<Path> files = Files.list(directory().resolve("dashboards"))) {
			return files.filter((f) -> f.getFileName().toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Path communityMetrics() {
		return directory().resolve("community-metrics.txt");
	}

}
