package io.coffer.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The machine-readable record of a run: {@code <out>/<UTC timestamp>.json}. */
public final class JsonReport {

	private static final DateTimeFormatter FILE_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private JsonReport() {
	}

	public static Path write(Path outDir, Instant at, Machine machine, Map<String, Object> settings,
			List<ScenarioResult> results, Verdicts verdicts, List<String> pending) throws IOException {
		Files.createDirectories(outDir);
		Path file = outDir.resolve(FILE_NAME.format(at) + ".json");
		Report report = new Report(at.toString(), machine, settings, results, verdicts.ratios(), verdicts.goals(),
				pending);
		Files.writeString(file, JSON.writeValueAsString(report));
		return file;
	}

	record Report(String timestamp, Machine machine, Map<String, Object> settings, List<ScenarioResult> results,
			Map<String, Double> ratios, List<Verdicts.Goal> goals, List<String> pending) {
	}

}
