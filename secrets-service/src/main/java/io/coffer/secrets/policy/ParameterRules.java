package io.coffer.secrets.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.Operation;

/**
 * Vault's parameter constraints ({@code required_parameters}, {@code denied_parameters},
 * {@code allowed_parameters}) checked against a request's top-level data. Only the
 * parameter name ever appears in a reason, never a value.
 */
final class ParameterRules {

	private static final String ANY = "*";

	private ParameterRules() {
	}

	/** Whether Vault checks parameters for this operation (those that carry data). */
	static boolean appliesTo(Operation operation) {
		return operation == Operation.READ || operation == Operation.CREATE || operation == Operation.UPDATE
				|| operation == Operation.PATCH;
	}

	/** Why the request's data breaks the rules, or empty when it doesn't. */
	static Optional<String> violation(Permissions permissions, Map<String, Object> data) {
		for (String required : permissions.requiredParameters()) {
			if (!data.containsKey(required.toLowerCase(Locale.ROOT))) {
				return Optional.of("required parameter \"" + required + "\" is missing");
			}
		}
		if (data.isEmpty()) {
			return Optional.empty();
		}
		Map<String, List<Object>> denied = permissions.deniedParameters();
		if (denied.containsKey(ANY)) {
			return Optional.of("all parameters are denied");
		}
		for (Map.Entry<String, Object> entry : data.entrySet()) {
			List<Object> values = denied.get(entry.getKey().toLowerCase(Locale.ROOT));
			if (values != null && matchesAny(entry.getValue(), values)) {
				return Optional.of("parameter \"" + entry.getKey() + "\" is denied");
			}
		}
		Map<String, List<Object>> allowed = permissions.allowedParameters();
		boolean othersAllowed = allowed.containsKey(ANY);
		if (allowed.isEmpty() || (allowed.size() == 1 && othersAllowed)) {
			return Optional.empty();
		}
		for (Map.Entry<String, Object> entry : data.entrySet()) {
			List<Object> values = allowed.get(entry.getKey().toLowerCase(Locale.ROOT));
			if (values == null && !othersAllowed) {
				return Optional.of("parameter \"" + entry.getKey() + "\" is not allowed");
			}
			if (values != null && !matchesAny(entry.getValue(), values)) {
				return Optional.of("a value of parameter \"" + entry.getKey() + "\" is not allowed");
			}
		}
		return Optional.empty();
	}

	/** An empty list allows any value; strings match Vault's globs. */
	static boolean matchesAny(Object value, List<Object> list) {
		if (list.isEmpty()) {
			return true;
		}
		for (Object element : list) {
			if (element == null || value == null) {
				if (element == value) {
					return true;
				}
			}
			else if (element instanceof String pattern && value instanceof String text) {
				if (globMatches(pattern, text)) {
					return true;
				}
			}
			else if (sameValue(element, value)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Vault's value globs: a leading and/or trailing {@code *} means suffix, prefix or
	 * substring match; a lone {@code *} or one in the middle is literal.
	 */
	static boolean globMatches(String pattern, String value) {
		if (pattern.length() < 2) {
			return pattern.equals(value);
		}
		boolean leading = pattern.startsWith(ANY);
		boolean trailing = pattern.endsWith(ANY);
		if (leading && trailing) {
			return value.contains(pattern.substring(1, pattern.length() - 1));
		}
		if (leading) {
			return value.endsWith(pattern.substring(1));
		}
		if (trailing) {
			return value.startsWith(pattern.substring(0, pattern.length() - 1));
		}
		return pattern.equals(value);
	}

	/**
	 * Numbers compare by value (a policy's {@code 1} equals a request's {@code 1.0});
	 * Vault compares Go types here and so never matches a JSON number, which helps
	 * nobody.
	 */
	private static boolean sameValue(Object element, Object value) {
		if (element instanceof Number a && value instanceof Number b) {
			try {
				return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		return element.equals(value);
	}

}
