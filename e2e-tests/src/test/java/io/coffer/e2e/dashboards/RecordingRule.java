package io.coffer.e2e.dashboards;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * The recording rules of {@code deploy/prometheus/rules/*.yml}: series that exist only in
 * Prometheus (it evaluates the rules on what it scrapes), never in a scrape. A community
 * name marked {@code provided (recording rule)} resolves when one of these records it and
 * every name the rule's expression selects is scraped.
 *
 * @param record the recorded metric name
 * @param expr the rule's PromQL expression
 */
public record RecordingRule(String record, String expr) {

	/** The metric names the expression selects. */
	public Set<String> sources() {
		return PromQlNames.of(this.expr);
	}

	/** Every recording rule of the files under {@code deploy/prometheus/rules}. */
	public static List<RecordingRule> all() {
		List<RecordingRule> rules = new ArrayList<>();
		try (Stream<Path> files = Files.list(GrafanaFiles.prometheusRules())) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yml")).sorted().toList()) {
				rules.addAll(of(file));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rules;
	}

	@SuppressWarnings("unchecked")
	static List<RecordingRule> of(Path file) {
		Map<String, Object> root;
		try (Reader reader = Files.newBufferedReader(file)) {
			root = new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<RecordingRule> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) root.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				if (rule.get("record") != null) {
					rules.add(new RecordingRule((String) rule.get("record"), String.valueOf(rule.get("expr"))));
				}
			}
		}
		return rules;
	}

	/** The rules recording {@code name}. */
	public static List<RecordingRule> recording(List<RecordingRule> rules, String name) {
		return rules.stream().filter((r) -> r.record().equals(name)).toList();
	}

	/** The names some rule records. */
	public static Set<String> recordedNames(List<RecordingRule> rules) {
		Set<String> names = new TreeSet<>();
		rules.forEach((r) -> names.add(r.record()));
		return names;
	}

}
