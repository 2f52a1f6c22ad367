package io.coffer.e2e.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.ServiceProcess;
import io.coffer.testsupport.http.VaultHttp;

/**
 * What the cluster looked like when a chaos round failed, for the failure message: the
 * {@code sys/health} status of each node and of the gateway (200 active, 429 standby, 503
 * sealed, -1 no answer, -2 not running) and the newest warnings and errors of its log. A
 * CI run keeps only the end of the build's output, so the short form goes into the
 * one-line message; the long form (the last warnings of every node) goes to stdout and
 * {@code target/e2e-results}.
 */
public final class Diagnosis {

	private static final int SHORT_LINES = 3;

	private static final int LONG_LINES = 40;

	private static final int MAX_LINE = 180;

	private Diagnosis() {
	}

	/** Adds the cluster's state to a failure, writing the long form aside. */
	public static AssertionError of(CofferCluster cluster, Throwable failure) {
		VaultHttp http = cluster.http();
		List<String> brief = new ArrayList<>();
		StringBuilder full = new StringBuilder(failure.getMessage()).append(System.lineSeparator());
		List<ServiceProcess> processes = new ArrayList<>(cluster.nodes());
		processes.add(cluster.gateway());
		for (ServiceProcess node : processes) {
			int health = node.isAlive() ? http.statusOf(node.baseUri().resolve("/v1/sys/health")) : -2;
			List<String> warnings = warnings(node.logFile());
			brief.add(node.name() + " health " + health + ": "
					+ warnings.subList(Math.max(0, warnings.size() - SHORT_LINES), warnings.size())
						.stream()
						.map(Diagnosis::message)
						.collect(Collectors.joining(" / ")));
			full.append("== ")
				.append(node.name())
				.append(" (sys/health ")
				.append(health)
				.append(")")
				.append(System.lineSeparator());
			warnings.subList(Math.max(0, warnings.size() - LONG_LINES), warnings.size())
				.forEach((line) -> full.append(line).append(System.lineSeparator()));
		}
		System.out.println(full);
		write(full.toString());
		return new AssertionError(failure.getMessage() + " || " + String.join(" || ", brief), failure);
	}

	private static List<String> warnings(Path log) {
		try {
			return Files.readAllLines(log)
				.stream()
				.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")
						|| line.contains("restarted by the test"))
				.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			return List.of("(no log: " + ex.getMessage() + ")");
		}
	}

	/** The time and the message of a log line, without thread and logger columns. */
	private static String message(String line) {
		int separator = line.indexOf(" : ");
		String text = (separator < 0) ? line
				: line.substring(11, Math.min(23, line.length())) + " " + line.substring(separator + 3);
		return (text.length() > MAX_LINE) ? text.substring(0, MAX_LINE) + "…" : text;
	}

	private static void write(String text) {
		try {
			Path results = Files.createDirectories(Path.of("target", "e2e-results"));
			Files.writeString(results.resolve("chaos-diagnosis.txt"), text);
		}
		catch (IOException ex) {
			System.out.println("could not write the diagnosis: " + ex);
		}
	}

}
