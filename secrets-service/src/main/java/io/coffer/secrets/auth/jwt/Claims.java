package io.coffer.secrets.auth.jwt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.support.GoGlob;

/**
 * The verified claims of a JWT, looked up as Vault's jwt plugin does: a name starting
 * with {@code /} is a JSON pointer into nested claims ({@code /groups/0},
 * {@code /user/email}), anything else a top-level claim. Messages name claims, never
 * their values.
 */
final class Claims {

	private final Map<String, Object> all;

	Claims(Map<String, Object> all) {
		this.all = all;
	}

	/**
	 * The claim's value: a string, boolean, number (as its decimal text), map or list.
	 */
	Optional<Object> get(String claim) {
		Object value = claim.startsWith("/") ? pointer(claim) : this.all.get(claim);
		return Optional.ofNullable(normalize(value));
	}

	/**
	 * A top-level claim, never a pointer: Vault reads {@code user_claim} this way unless
	 * {@code user_claim_json_pointer} is set.
	 */
	Optional<Object> topLevel(String claim) {
		return Optional.ofNullable(normalize(this.all.get(claim)));
	}

	/**
	 * Checks {@code bound_claims}: each bound claim must be present and one of its values
	 * (or glob patterns) must equal one of the claim's values.
	 * @return the error, or empty when every bound claim matches
	 */
	Optional<String> unmatchedBoundClaim(Map<String, Object> bound, boolean globs) {
		for (Map.Entry<String, Object> entry : bound.entrySet()) {
			Optional<Object> actual = get(entry.getKey());
			if (actual.isEmpty()) {
				return Optional.of("claim \"" + entry.getKey() + "\" is missing");
			}
			Optional<List<Object>> actualValues = list(actual.get());
			if (actualValues.isEmpty()) {
				return Optional.of("received claim is not a string, bool, int or list");
			}
			Optional<List<Object>> expected = list(normalize(entry.getValue()));
			if (expected.isEmpty()) {
				return Optional.of("bound claim is not a string, bool, int or list");
			}
			if (!matches(expected.get(), actualValues.get(), globs)) {
				return Optional.of("claim \"" + entry.getKey() + "\" does not match any associated bound claim values");
			}
		}
		return Optional.empty();
	}

	/**
	 * The token metadata of {@code claim_mappings}: each mapped claim present in the JWT
	 * must be a string.
	 * @throws IllegalArgumentException naming a mapped claim that is not a string
	 */
	Map<String, String> metadata(Map<String, String> mappings) {
		Map<String, String> out = new LinkedHashMap<>();
		mappings.forEach((claim, key) -> get(claim).ifPresent((value) -> {
			if (!(value instanceof String text)) {
				throw new IllegalArgumentException("error converting claim '" + claim + "' to string");
			}
			out.put(key, text);
		}));
		return out;
	}

	/**
	 * A string, boolean or number as a one-element list, a list as itself (Vault's
	 * {@code normalizeList}); empty for maps.
	 */
	static Optional<List<Object>> list(Object value) {
		if (value instanceof List<?> items) {
			List<Object> out = new ArrayList<>();
			items.forEach((item) -> out.add(normalize(item)));
			return Optional.of(out);
		}
		if (value instanceof String || value instanceof Boolean || value instanceof BigDecimal) {
			return Optional.of(List.of(value));
		}
		return Optional.empty();
	}

	private static boolean matches(List<Object> expected, List<Object> actual, boolean globs) {
		for (Object want : expected) {
			for (Object have : actual) {
				boolean hit = globs ? (want instanceof String pattern && have instanceof String text
						&& GoGlob.matches(pattern, text)) : want.equals(have);
				if (hit) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Numbers compare by value, as Vault compares them as {@code json.Number}: {@code 10}
	 * and {@code 10.0} are equal, {@code "10"} (a string) is not.
	 */
	private static Object normalize(Object value) {
		if (value instanceof Number number) {
			return new BigDecimal(number.toString()).stripTrailingZeros();
		}
		return value;
	}

	/**
	 * RFC 6901: {@code /a/b/0}, with {@code ~1} for {@code /} and {@code ~0} for
	 * {@code ~}.
	 */
	private Object pointer(String pointer) {
		Object current = this.all;
		for (String raw : pointer.substring(1).split("/", -1)) {
			String token = raw.replace("~1", "/").replace("~0", "~");
			if (current instanceof Map<?, ?> map) {
				current = map.get(token);
			}
			else if (current instanceof List<?> items && token.matches("\\d+") && token.length() < 10
					&& Integer.parseInt(token) < items.size()) {
				current = items.get(Integer.parseInt(token));
			}
			else {
				return null;
			}
		}
		return current;
	}

}
