package io.coffer.secrets.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vault's ACL policy templating: {@code {{identity.entity.id}}},
 * {@code {{identity.entity.name}}}, {@code {{identity.entity.metadata.<key>}}},
 * {@code {{identity.entity.aliases.<mount accessor>.id|name}}},
 * {@code {{identity.groups.ids.<id>.name}}} and
 * {@code {{identity.groups.names.<name>.id}}} in path patterns, filled from the token's
 * entity. A rule with a template that cannot be filled (no entity, no such key, not in
 * that group) is dropped, as Vault drops it: it grants nothing to anyone.
 */
final class PolicyTemplates {

	private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*\\}\\}");

	private PolicyTemplates() {
	}

	static boolean isTemplated(Policy policy) {
		for (PathRule rule : policy.rules()) {
			if (isTemplated(rule.pattern())) {
				return true;
			}
		}
		return false;
	}

	static boolean isTemplated(String pattern) {
		return TEMPLATE.matcher(pattern).find();
	}

	/**
	 * The policy with its templates filled from {@code values} (keys such as
	 * {@code identity.entity.name}); rules that cannot be filled are left out.
	 * @param values the token's identity values, empty for a token without an entity
	 */
	static Policy resolve(Policy policy, Map<String, String> values) {
		List<PathRule> rules = new ArrayList<>();
		for (PathRule rule : policy.rules()) {
			String pattern = fill(rule.pattern(), values);
			if (pattern != null) {
				rules.add(new PathRule(pattern, rule.permissions()));
			}
		}
		return new Policy(policy.name(), rules);
	}

	/** The pattern filled in, or null when a template has no value. */
	private static String fill(String pattern, Map<String, String> values) {
		Matcher matcher = TEMPLATE.matcher(pattern);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null || value.isEmpty()) {
				return null;
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}
