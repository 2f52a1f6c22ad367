package io.coffer.e2e.dashboards;

import java.util.Set;
import java.util.TreeSet;

/**
 * The sample names of a scrape in Prometheus' text format (0.0.4): the names PromQL
 * selects, with a histogram's {@code _bucket}, {@code _sum} and {@code _count} and a
 * counter's {@code _total} as they are stored.
 */
public final class Exposition {

	private Exposition() {
	}

	public static Set<String> sampleNames(String body) {
		Set<String> names = new TreeSet<>();
		for (String line : body.split("\n")) {
			String sample = line.strip();
			if (sample.isEmpty() || sample.startsWith("#")) {
				continue;
			}
			int end = 0;
			while (end < sample.length() && sample.charAt(end) != '{' && !Character.isWhitespace(sample.charAt(end))) {
				end++;
			}
			names.add(sample.substring(0, end));
		}
		return names;
	}

}
