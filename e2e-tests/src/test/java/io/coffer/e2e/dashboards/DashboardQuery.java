package io.coffer.e2e.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One PromQL query of a dashboard: a panel target's {@code expr}, or the metric of a
 * {@code label_values(metric, label)} variable.
 *
 * @param dashboard the dashboard file's name
 * @param panel the panel's title, or {@code $name} for a variable
 * @param expr the PromQL expression, Grafana's variables left in
 */
public record DashboardQuery(String dashboard, String panel, String expr) {

	private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.+),\\s*\\w+\\s*\\)\\s*$");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** The metric names this query selects. */
	public Set<String> metricNames() {
		return PromQlNames.of(this.expr);
	}

	/**
	 * The expression with Grafana's variables replaced so that Prometheus can parse it:
	 * interval variables become {@code 5m}, any other variable {@code x} (variables stand
	 * only in label values and ranges).
	 */
	public String promQl() {
		return this.expr.replaceAll("\\$\\{?__(?:rate_interval|interval|range)}?", "5m")
			.replaceAll("\\$\\{[^}]*}|\\$\\w+", "x");
	}

	@Override
	public String toString() {
		return this.dashboard + " / " + this.panel + ": " + this.expr;
	}

	public static JsonNode read(Path dashboard) {
		try {
			return MAPPER.readTree(Files.readString(dashboard));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every query of {@code dashboard}: panels (rows' nested panels too) and variables.
	 */
	public static List<DashboardQuery> of(Path dashboard) {
		JsonNode root = read(dashboard);
		String file = dashboard.getFileName().toString();
		List<DashboardQuery> queries = new ArrayList<>();
		for (JsonNode panel : panels(root)) {
			for (JsonNode target : panel.path("targets")) {
				if (target.has("expr")) {
					queries
						.add(new DashboardQuery(file, panel.path("title").asString(), target.get("expr").asString()));
				}
			}
		}
		for (JsonNode variable : root.path("templating").path("list")) {
			if ("query".equals(variable.path("type").asString())) {
				JsonNode query = variable.path("query");
				String text = query.isObject() ? query.path("query").asString() : query.asString();
				Matcher labelValues = LABEL_VALUES.matcher(text);
				queries.add(new DashboardQuery(file, "$" + variable.path("name").asString(),
						labelValues.matches() ? labelValues.group(1) : text));
			}
		}
		return queries;
	}

	/** The panels of {@code dashboard}, those inside collapsed rows included. */
	public static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		}
		return panels;
	}

}
