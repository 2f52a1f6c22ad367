package io.coffer.e2e.prometheus;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The committed {@code deploy/prometheus/prometheus.yml} pointed at a test suite: every
 * job keeps its metrics path, parameters and authorization, only its targets, the token
 * file, the intervals (one second) and the rule files change. The rule files are copies
 * of {@code deploy/prometheus/rules} with every {@code for} set to {@code 0s}: here the
 * expressions meet the real series, the durations are {@code promtool test rules}' part.
 */
public final class ScrapeConfig {

	private static final Pattern FOR = Pattern.compile("(?m)^(\\s+)for:\\s*\\S+\\s*$");

	private ScrapeConfig() {
	}

	/**
	 * Writes the configuration and the rule copies into {@code dir}.
	 * @param committed {@code deploy/prometheus}
	 * @param targets {@code host:port} per job name; every job of the file must have some
	 * @param metricsToken the token of the jobs that send one
	 * @return the configuration file
	 */
	@SuppressWarnings("unchecked")
	public static Path write(Path committed, Map<String, List<String>> targets, String metricsToken, Path dir) {
		try {
			Map<String, Object> config;
			try (Reader reader = Files.newBufferedReader(committed.resolve("prometheus.yml"))) {
				config = new Yaml().load(reader);
			}
			Path tokenFile = dir.resolve("metrics-token");
			Files.writeString(tokenFile, metricsToken);
			config.put("global", Map.of("scrape_interval", "1s", "scrape_timeout", "1s", "evaluation_interval", "1s"));
			config.put("rule_files", copyRules(committed.resolve("rules"), dir.resolve("rules")));
			for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
				String name = (String) job.get("job_name");
				List<String> jobTargets = targets.get(name);
				if (jobTargets == null || jobTargets.isEmpty()) {
					throw new IllegalArgumentException("no targets for job " + name + " of prometheus.yml");
				}
				job.put("static_configs", List.of(Map.of("targets", jobTargets)));
				Object authorization = job.get("authorization");
				if (authorization instanceof Map<?, ?> auth && auth.containsKey("credentials_file")) {
					((Map<String, Object>) authorization).put("credentials_file", tokenFile.toString());
				}
			}
			DumperOptions options = new DumperOptions();
			options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
			Path file = dir.resolve("prometheus.yml");
			Files.writeString(file, new Yaml(options).dump(config));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> copyRules(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		List<String> copies = new ArrayList<>();
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yml")).sorted().toList()) {
				Path copy = to.resolve(file.getFileName());
				Files.writeString(copy, FOR.matcher(Files.readString(file)).replaceAll("$1for: 0s"));
				copies.add(copy.toString());
			}
		}
		return copies;
	}

}
