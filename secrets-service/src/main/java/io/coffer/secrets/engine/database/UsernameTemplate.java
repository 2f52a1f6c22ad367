package io.coffer.secrets.engine.database;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.Base62;

/**
 * The names of dynamic users. Without a {@code username_template}, Vault's PostgreSQL
 * default: {@code v-<display name, 8>-<role, 8>-<20 random>-<unix time>}, at most 63
 * characters (PostgreSQL's identifier limit). A custom template uses the subset of
 * Vault's template language that names need: {@code {{.DisplayName}}},
 * {@code {{.RoleName}}}, {@code {{random N}}}, {@code {{unix_time}}},
 * {@code {{unix_time_millis}}}, {@code {{uuid}}}, each optionally piped through
 * {@code truncate N}, {@code lowercase}, {@code uppercase} or {@code replace "a" "b"}.
 * Quotes, backslashes and control characters never reach a name, so it is safe inside a
 * quoted identifier.
 */
final class UsernameTemplate {

	/** Vault's default template, accepted verbatim as "the default". */
	static final String VAULT_DEFAULT = "{{ printf \"v-%s-%s-%s-%s\" (.DisplayName | truncate 8) (.RoleName | truncate 8) (random 20) (unix_time) | truncate 63 }}";

	private static final int MAX_LENGTH = 63;

	private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

	private static final Pattern TOKEN = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|\\S+");

	private final String template;

	private UsernameTemplate(String template) {
		this.template = template;
	}

	/** The template of a config; 400 when it uses anything this subset lacks. */
	static UsernameTemplate of(String template) {
		UsernameTemplate parsed = new UsernameTemplate(
				(template == null || template.isBlank() || template.trim().equals(VAULT_DEFAULT)) ? "" : template);
		parsed.render("display", "role", new SecureRandom(), Clock.systemUTC());
		return parsed;
	}

	String render(String displayName, String roleName, SecureRandom random, Clock clock) {
		if (this.template.isEmpty()) {
			String name = "v-" + truncate(displayName, 8) + "-" + truncate(roleName, 8) + "-"
					+ Base62.random(random, 20) + "-" + clock.instant().getEpochSecond();
			return safe(truncate(name, MAX_LENGTH));
		}
		StringBuilder out = new StringBuilder();
		Matcher action = ACTION.matcher(this.template);
		int last = 0;
		while (action.find()) {
			out.append(this.template, last, action.start());
			out.append(evaluate(action.group(1), new Values(displayName, roleName, random, clock)));
			last = action.end();
		}
		out.append(this.template.substring(last));
		String name = safe(truncate(out.toString(), MAX_LENGTH));
		if (name.isEmpty()) {
			throw invalid("the template renders an empty name");
		}
		return name;
	}

	private static String evaluate(String pipeline, Values values) {
		String[] stages = pipeline.split("\\|");
		String value = head(tokens(stages[0]), values);
		for (int i = 1; i < stages.length; i++) {
			value = apply(tokens(stages[i]), value);
		}
		return value;
	}

	private static String head(List<String> tokens, Values values) {
		if (tokens.isEmpty()) {
			throw invalid("empty action");
		}
		return switch (tokens.get(0)) {
			case ".DisplayName" -> values.displayName();
			case ".RoleName" -> values.roleName();
			case "unix_time" -> Long.toString(values.clock().instant().getEpochSecond());
			case "unix_time_millis" -> Long.toString(values.clock().millis());
			case "uuid" -> UUID.randomUUID().toString();
			case "random" -> Base62.random(values.random(), number(tokens, 1));
			default -> throw invalid("unsupported function \"" + tokens.get(0) + "\"");
		};
	}

	private static String apply(List<String> tokens, String value) {
		if (tokens.isEmpty()) {
			throw invalid("empty pipeline stage");
		}
		return switch (tokens.get(0)) {
			case "truncate" -> truncate(value, number(tokens, 1));
			case "lowercase" -> value.toLowerCase(Locale.ROOT);
			case "uppercase" -> value.toUpperCase(Locale.ROOT);
			case "replace" -> {
				if (tokens.size() != 3) {
					throw invalid("replace takes two strings");
				}
				yield value.replace(unquote(tokens.get(1)), unquote(tokens.get(2)));
			}
			default -> throw invalid("unsupported function \"" + tokens.get(0) + "\"");
		};
	}

	private static List<String> tokens(String stage) {
		List<String> out = new ArrayList<>();
		Matcher token = TOKEN.matcher(stage.trim());
		while (token.find()) {
			out.add(token.group());
		}
		return out;
	}

	private static int number(List<String> tokens, int index) {
		try {
			int n = Integer.parseInt(tokens.get(index));
			if (n < 0 || n > 1000) {
				throw invalid("number out of range");
			}
			return n;
		}
		catch (IndexOutOfBoundsException | NumberFormatException ex) {
			throw invalid("a number is required");
		}
	}

	private static String unquote(String token) {
		if (token.length() < 2 || !token.startsWith("\"") || !token.endsWith("\"")) {
			throw invalid("a quoted string is required");
		}
		return token.substring(1, token.length() - 1).replaceAll("\\\\(.)", "$1");
	}

	private static String truncate(String value, int length) {
		return (value.length() > length) ? value.substring(0, length) : value;
	}

	private static String safe(String name) {
		StringBuilder out = new StringBuilder(name.length());
		for (char c : name.toCharArray()) {
			out.append((c == '"' || c == '\'' || c == '\\' || Character.isISOControl(c)) ? '_' : c);
		}
		return out.toString();
	}

	private static VaultException invalid(String reason) {
		return VaultException.badRequest("unable to initialize username template: " + reason);
	}

	private record Values(String displayName, String roleName, SecureRandom random, Clock clock) {
	}

}
