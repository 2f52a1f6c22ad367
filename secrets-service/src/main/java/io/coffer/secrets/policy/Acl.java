package io.coffer.secrets.policy;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several policies compiled into one lookup structure, the way Vault builds its ACL:
 * rules for the same pattern are merged; for a request path an exact rule wins, else the
 * highest-priority matching glob ({@code *} at the end) or segment-wildcard ({@code +})
 * rule applies alone.
 */
final class Acl {

	/** Lower priority first, so the best match is the maximum. */
	private static final Comparator<Candidate> PRIORITY = Comparator.comparingInt(Candidate::firstWildcard)
		.thenComparing(Candidate::isPrefix, Comparator.reverseOrder())
		.thenComparing(Candidate::wildcards, Comparator.reverseOrder())
		.thenComparingInt((candidate) -> candidate.stem().length())
		.thenComparing(Candidate::stem);

	private final Map<String, Permissions> exact = new HashMap<>();

	private final Map<String, Permissions> prefix = new HashMap<>();

	private final Map<String, Permissions> segmentWildcard = new LinkedHashMap<>();

	/** The rule that decided a path, and what it grants. */
	record Match(String pattern, Permissions permissions) {
	}

	private record Candidate(int firstWildcard, boolean isPrefix, int wildcards, String stem, String pattern,
			Permissions permissions) {
	}

	static Acl compile(List<Policy> policies) {
		Acl acl = new Acl();
		for (Policy policy : policies) {
			for (PathRule rule : policy.rules()) {
				acl.add(rule);
			}
		}
		return acl;
	}

	private void add(PathRule rule) {
		String pattern = rule.pattern();
		if (hasSegmentWildcard(pattern)) {
			this.segmentWildcard.merge(pattern, rule.permissions(), Permissions::merge);
		}
		else if (pattern.endsWith("*")) {
			this.prefix.merge(pattern.substring(0, pattern.length() - 1), rule.permissions(), Permissions::merge);
		}
		else {
			this.exact.merge(pattern, rule.permissions(), Permissions::merge);
		}
	}

	/**
	 * The rule that applies to {@code path}.
	 * @param path the request path, no leading slash
	 * @param list whether the operation is a LIST (whose path may end in {@code /} and
	 * also matches the rule without it)
	 */
	Optional<Match> lookup(String path, boolean list) {
		Permissions exactRule = this.exact.get(path);
		if (exactRule != null) {
			return Optional.of(new Match(path, exactRule));
		}
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		if (list) {
			exactRule = this.exact.get(trimmed);
			if (exactRule != null) {
				return Optional.of(new Match(trimmed, exactRule));
			}
			if (!trimmed.equals(path)) {
				Optional<Match> match = nonExact(trimmed);
				if (match.isPresent()) {
					return match;
				}
			}
		}
		return nonExact(path);
	}

	private Optional<Match> nonExact(String path) {
		Candidate best = longestPrefix(path);
		if (this.segmentWildcard.isEmpty()) {
			return Optional.ofNullable(best).map((c) -> new Match(c.pattern(), c.permissions()));
		}
		String[] pathParts = path.split("/", -1);
		for (Map.Entry<String, Permissions> entry : this.segmentWildcard.entrySet()) {
			Candidate candidate = segmentMatch(entry.getKey(), entry.getValue(), pathParts);
			if (candidate != null && (best == null || PRIORITY.compare(candidate, best) > 0)) {
				best = candidate;
			}
		}
		return Optional.ofNullable(best).map((c) -> new Match(c.pattern(), c.permissions()));
	}

	private Candidate longestPrefix(String path) {
		for (int end = path.length(); end >= 0; end--) {
			String stem = path.substring(0, end);
			Permissions permissions = this.prefix.get(stem);
			if (permissions != null) {
				return new Candidate(stem.length(), true, 0, stem, stem + "*", permissions);
			}
		}
		return null;
	}

	private static Candidate segmentMatch(String pattern, Permissions permissions, String[] pathParts) {
		boolean isPrefix = pattern.endsWith("*");
		String stem = isPrefix ? pattern.substring(0, pattern.length() - 1) : pattern;
		String[] parts = stem.split("/", -1);
		if (pathParts.length < parts.length || (!isPrefix && parts.length != pathParts.length)) {
			return null;
		}
		int wildcards = 0;
		for (int i = 0; i < parts.length; i++) {
			if (parts[i].equals("+")) {
				wildcards++;
			}
			else if (!parts[i].equals(pathParts[i])
					&& !(isPrefix && i == parts.length - 1 && pathParts[i].startsWith(parts[i]))) {
				return null;
			}
		}
		return new Candidate(pattern.indexOf('+'), isPrefix, wildcards, stem, pattern, permissions);
	}

	private static boolean hasSegmentWildcard(String pattern) {
		return pattern.equals("+") || pattern.startsWith("+/") || pattern.contains("/+");
	}

}
