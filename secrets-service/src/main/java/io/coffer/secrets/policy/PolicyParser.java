package io.coffer.secrets.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.VaultDurations;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a policy written in HCL or JSON (text starting with <code>{</code>, as Vault
 * decides). Every error is Vault's 400 {@code failed to parse policy: ...}, with the line
 * when one is known. Keys Coffer does not enforce (e.g. {@code expiration},
 * {@code mfa_methods}, {@code control_group}) are rejected rather than ignored, so a
 * policy never grants more than its author meant.
 */
final class PolicyParser {

	private static final JsonMapper STRICT_JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final Set<String> PATH_KEYS = Set.of("comment", "policy", "capabilities", "allowed_parameters",
			"denied_parameters", "required_parameters", "min_wrapping_ttl", "max_wrapping_ttl");

	private PolicyParser() {
	}

	static Policy parse(String name, String text) {
		try {
			List<PathRule> rules = text.stripLeading().startsWith("{") ? fromJson(text) : fromHcl(text);
			return new Policy(name, rules);
		}
		catch (HclSyntaxException ex) {
			throw failed("line " + ex.line() + ", column " + ex.column() + ": " + ex.getMessage());
		}
	}

	private static List<PathRule> fromHcl(String text) {
		List<PathRule> rules = new ArrayList<>();
		for (HclParser.Item item : HclParser.parse(text).items()) {
			String key = item.keys().get(0);
			if (key.equals("name") && item.keys().size() == 1 && item.value() instanceof String) {
				continue;
			}
			if (!key.equals("path")) {
				throw failed("line " + item.line() + ": invalid key \"" + key + "\"");
			}
			if (item.keys().size() != 2 || !(item.value() instanceof HclParser.Body body)) {
				throw failed("line " + item.line() + ": expected path \"<pattern>\" { ... }");
			}
			rules.add(rule(item.keys().get(1), body.toMap(), " on line " + item.line()));
		}
		return rules;
	}

	@SuppressWarnings("unchecked")
	private static List<PathRule> fromJson(String text) {
		Map<String, Object> root;
		try {
			root = STRICT_JSON.readValue(text, MAP);
		}
		catch (JacksonException ex) {
			String where = (ex.getLocation() != null)
					? "line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ": " : "";
			throw failed(where + "invalid JSON");
		}
		List<PathRule> rules = new ArrayList<>();
		for (Map.Entry<String, Object> entry : root.entrySet()) {
			if (entry.getKey().equals("name")) {
				continue;
			}
			if (!entry.getKey().equals("path")) {
				throw failed("invalid key \"" + entry.getKey() + "\"");
			}
			List<Object> groups = (entry.getValue() instanceof List<?> list) ? (List<Object>) list
					: List.of(entry.getValue());
			for (Object group : groups) {
				if (!(group instanceof Map<?, ?> paths)) {
					throw failed("\"path\" must map patterns to objects");
				}
				paths.forEach((pattern, body) -> {
					if (!(body instanceof Map<?, ?> map)) {
						throw failed("path \"" + pattern + "\": expected an object");
					}
					rules.add(rule(pattern.toString(), (Map<String, Object>) map, ""));
				});
			}
		}
		return rules;
	}

	private static PathRule rule(String written, Map<String, Object> body, String where) {
		String pattern = written.startsWith("/") ? written.substring(1) : written;
		String prefix = "path \"" + written + "\"" + where + ": ";
		if (pattern.contains("+*")) {
			throw failed(prefix + "invalid use of wildcards ('+*' is forbidden)");
		}
		for (String key : body.keySet()) {
			if (!PATH_KEYS.contains(key)) {
				throw failed(prefix + "invalid key \"" + key + "\"");
			}
		}
		Set<Capability> capabilities = capabilities(body, prefix);
		if (capabilities.contains(Capability.DENY)) {
			return new PathRule(pattern, Permissions.denyOnly());
		}
		Duration min = duration(body.get("min_wrapping_ttl"), "min_wrapping_ttl", prefix);
		Duration max = duration(body.get("max_wrapping_ttl"), "max_wrapping_ttl", prefix);
		if (!min.isZero() && !max.isZero() && max.compareTo(min) < 0) {
			throw failed(prefix + "max_wrapping_ttl cannot be less than min_wrapping_ttl");
		}
		return new PathRule(pattern,
				new Permissions(capabilities, parameters(body.get("allowed_parameters"), "allowed_parameters", prefix),
						parameters(body.get("denied_parameters"), "denied_parameters", prefix),
						strings(body.get("required_parameters"), "required_parameters", prefix), min, max));
	}

	private static Set<Capability> capabilities(Map<String, Object> body, String prefix) {
		Set<Capability> out = EnumSet.noneOf(Capability.class);
		Object legacy = body.get("policy");
		if (legacy != null) {
			out.addAll(switch (String.valueOf(legacy)) {
				case "deny" -> EnumSet.of(Capability.DENY);
				case "read" -> EnumSet.of(Capability.READ, Capability.LIST);
				case "write" -> EnumSet.of(Capability.CREATE, Capability.READ, Capability.UPDATE, Capability.DELETE,
						Capability.LIST);
				case "sudo" -> EnumSet.of(Capability.CREATE, Capability.READ, Capability.UPDATE, Capability.DELETE,
						Capability.LIST, Capability.SUDO);
				default -> throw failed(prefix + "invalid policy \"" + legacy + "\"");
			});
		}
		for (String name : strings(body.get("capabilities"), "capabilities", prefix)) {
			out.add(Capability.fromVaultName(name)
				.orElseThrow(() -> failed(prefix + "invalid capability \"" + name + "\"")));
		}
		return out;
	}

	private static Map<String, List<Object>> parameters(Object value, String field, String prefix) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw failed(prefix + field + " must be an object of lists");
		}
		Map<String, List<Object>> out = new LinkedHashMap<>();
		map.forEach((key, values) -> {
			if (!(values instanceof List<?> list)) {
				throw failed(prefix + field + " \"" + key + "\" must be a list");
			}
			out.put(key.toString().toLowerCase(Locale.ROOT), new ArrayList<>(list));
		});
		return out;
	}

	private static List<String> strings(Object value, String field, String prefix) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
			throw failed(prefix + field + " must be a list of strings");
		}
		return list.stream().map(String.class::cast).toList();
	}

	private static Duration duration(Object value, String field, String prefix) {
		try {
			return VaultDurations.parse(value, field);
		}
		catch (VaultException ex) {
			throw failed(prefix + "invalid " + field);
		}
	}

	private static VaultException failed(String detail) {
		return VaultException.badRequest("failed to parse policy: " + detail);
	}

}
