package io.coffer.e2e.dashboards;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. Prometheus' own parser (promtool) checks
 * the syntax (see {@link PromTool}) but prints no syntax tree, so the names are taken
 * lexically: string literals, label matchers, ranges and grouping label lists are removed
 * first (what is left in them is labels, values and durations), then every identifier is
 * a metric name unless a {@code (} follows it (a function or an aggregation) or it is one
 * of PromQL's keywords. A name given as {@code {__name__="..."}} is not found; Coffer's
 * dashboards do not select that way.
 */
public final class PromQlNames {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");

	private static final Pattern RANGE = Pattern.compile("\\[[^\\[\\]]*]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");

	private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "atan2", "inf", "nan");

	private PromQlNames() {
	}

	/** The metric names {@code expr} selects, sorted. */
	public static Set<String> of(String expr) {
		String stripped = STRING.matcher(expr).replaceAll(" ");
		stripped = MATCHERS.matcher(stripped).replaceAll(" ");
		stripped = RANGE.matcher(stripped).replaceAll(" ");
		stripped = GROUPING.matcher(stripped).replaceAll(" ");
		stripped = GRAFANA_VARIABLE.matcher(stripped).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(stripped);
		while (identifier.find()) {
			String name = identifier.group(1);
			boolean called = identifier.group(2) != null;
			if (!called && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

}
