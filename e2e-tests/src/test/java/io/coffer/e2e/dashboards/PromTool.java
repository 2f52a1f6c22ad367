package io.coffer.e2e.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus' own parser on dashboard queries: each expression becomes a recording rule
 * and {@code promtool check rules} parses them (promtool prints no syntax tree, but it
 * refuses any expression Prometheus would refuse). promtool is the one the alert rules'
 * tests use (Debian's {@code prometheus} package, which {@code .ci/run} installs).
 */
public final class PromTool {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private PromTool() {
	}

	/**
	 * The output of {@code promtool check rules} on {@code queries}, and whether it
	 * accepted them.
	 */
	public static Result checkRules(List<DashboardQuery> queries, Path workDir) {
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
		for (int i = 0; i < queries.size(); i++) {
			// A JSON string is a YAML flow scalar: the expression goes in unchanged.
			rules.append("      - record: dashboard:query_")
				.append(i)
				.append("\n        expr: ")
				.append(MAPPER.writeValueAsString(queries.get(i).promQl()))
				.append('\n');
		}
		try {
			Path file = Files.createTempFile(workDir, "dashboard-queries", ".yml");
			Files.writeString(file, rules);
			Process promtool = new ProcessBuilder("promtool", "check", "rules", file.toString())
				.redirectErrorStream(true)
				.start();
			byte[] output = promtool.getInputStream().readAllBytes();
			if (!promtool.waitFor(60, TimeUnit.SECONDS)) {
				promtool.destroyForcibly();
				throw new IllegalStateException("promtool check rules did not finish in 60 s");
			}
			return new Result(promtool.exitValue() == 0, new String(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("promtool not runnable; install it with apt-get install -y prometheus "
					+ "(Debian/Ubuntu; .ci/run does this) or put a Prometheus release's promtool on PATH", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * What promtool said.
	 *
	 * @param accepted whether it exited 0
	 * @param output its output
	 */
	public record Result(boolean accepted, String output) {

	}

}
