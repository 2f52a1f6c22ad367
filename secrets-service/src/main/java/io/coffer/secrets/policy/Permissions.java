package io.coffer.secrets.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one path pattern grants, after merging every policy that names the same pattern.
 * Parameter maps are keyed by lower-cased parameter name; an empty value list means any
 * value. An empty map means no constraint.
 *
 * @param capabilities granted capabilities; exactly {@code {DENY}} when denied
 * @param allowedParameters {@code allowed_parameters}
 * @param deniedParameters {@code denied_parameters}
 * @param requiredParameters {@code required_parameters}
 * @param minWrappingTtl {@code min_wrapping_ttl}, zero when unset
 * @param maxWrappingTtl {@code max_wrapping_ttl}, zero when unset
 */
record Permissions(Set<Capability> capabilities, Map<String, List<Object>> allowedParameters,
		Map<String, List<Object>> deniedParameters, List<String> requiredParameters, Duration minWrappingTtl,
		Duration maxWrappingTtl) {

	Permissions {
		capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
		allowedParameters = copy(allowedParameters);
		deniedParameters = copy(deniedParameters);
		requiredParameters = List.copyOf(requiredParameters);
	}

	static Permissions denyOnly() {
		return new Permissions(Set.of(Capability.DENY), Map.of(), Map.of(), List.of(), Duration.ZERO, Duration.ZERO);
	}

	boolean denies() {
		return this.capabilities.contains(Capability.DENY);
	}

	/**
	 * Vault's merge of two policies' rules for the same pattern: a deny on either side
	 * wins outright; otherwise capabilities are united, the lower non-zero wrapping TTL
	 * of each kind is kept, and parameter rules are united (an empty value list, "any
	 * value", absorbs a list for the same key).
	 */
	Permissions merge(Permissions other) {
		if (denies()) {
			return this;
		}
		if (other.denies()) {
			return denyOnly();
		}
		Set<Capability> united = EnumSet.noneOf(Capability.class);
		united.addAll(this.capabilities);
		united.addAll(other.capabilities);
		Set<String> required = new LinkedHashSet<>(this.requiredParameters);
		required.addAll(other.requiredParameters);
		return new Permissions(united, mergeParameters(this.allowedParameters, other.allowedParameters),
				mergeParameters(this.deniedParameters, other.deniedParameters), new ArrayList<>(required),
				lowerNonZero(this.minWrappingTtl, other.minWrappingTtl),
				lowerNonZero(this.maxWrappingTtl, other.maxWrappingTtl));
	}

	private static Map<String, List<Object>> mergeParameters(Map<String, List<Object>> existing,
			Map<String, List<Object>> incoming) {
		if (incoming.isEmpty()) {
			return existing;
		}
		Map<String, List<Object>> merged = new LinkedHashMap<>(existing);
		incoming.forEach((key, values) -> {
			List<Object> current = merged.get(key);
			if (values.isEmpty() || (current != null && current.isEmpty())) {
				merged.put(key, List.of());
			}
			else {
				List<Object> joined = new ArrayList<>(values);
				if (current != null) {
					joined.addAll(current);
				}
				merged.put(key, joined);
			}
		});
		return merged;
	}

	private static Duration lowerNonZero(Duration a, Duration b) {
		if (a.isZero()) {
			return b;
		}
		if (b.isZero()) {
			return a;
		}
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Map<String, List<Object>> copy(Map<String, List<Object>> parameters) {
		Map<String, List<Object>> out = new LinkedHashMap<>();
		parameters.forEach((key, values) -> out.put(key, Collections.unmodifiableList(new ArrayList<>(values))));
		return Collections.unmodifiableMap(out);
	}

}
