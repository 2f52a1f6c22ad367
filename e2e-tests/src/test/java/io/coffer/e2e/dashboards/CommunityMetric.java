package io.coffer.e2e.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One row of {@code deploy/grafana/community-metrics.txt}: a metric name a community
 * Vault dashboard queries, which dashboards query it, and whether Coffer exports it.
 *
 * @param name the metric name; {@code *} stands for a part the dashboard fills in from a
 * variable (a mount path)
 * @param dashboards the dashboards' short names, comma-separated
 * @param status {@code provided}, or {@code absent: <reason>}
 */
public record CommunityMetric(String name, String dashboards, String status) {

	public static final String PROVIDED = "provided";

	public static final String ABSENT = "absent: ";

	public boolean provided() {
		return PROVIDED.equals(this.status);
	}

	/**
	 * Whether a scraped sample name is this row's name (its {@code *} matching a part).
	 */
	public boolean matches(String sampleName) {
		return Pattern.matches(Pattern.quote(this.name).replace("*", "\\E.+\\Q"), sampleName);
	}

	/** The rows of {@code file}; {@code #} starts a comment line. */
	public static List<CommunityMetric> read(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<CommunityMetric> rows = new ArrayList<>();
		for (String line : lines) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] columns = line.strip().split("\\s+", 3);
			if (columns.length < 3) {
				throw new IllegalArgumentException("not <name> <dashboards> <status>: " + line);
			}
			rows.add(new CommunityMetric(columns[0], columns[1], columns[2].strip()));
		}
		return rows;
	}

}
