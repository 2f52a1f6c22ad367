package io.coffer.secrets.engine.database;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.coffer.secrets.kernel.VaultException;

/**
 * A password policy in Vault's policy syntax (the HCL of {@code sys/policies/password}):
 * <pre>
 * length = 24
 * rule "charset" {
 *   charset = "abcdefghijklmnopqrstuvwxyz"
 *   min-chars = 1
 * }
 * </pre> Coffer has no password policy store, so a config's {@code password_policy} holds
 * the policy itself. Without one, Vault's default applies: 20 characters from letters,
 * digits and {@code -}, at least one of each kind. Characters that could end a quoted SQL
 * literal or identifier ({@code ' " \}, whitespace, control characters) are refused,
 * which is what makes substituting a password into a statement safe.
 *
 * @param length the password length
 * @param rules the charset rules (their union is the alphabet)
 */
record PasswordPolicy(int length, List<Rule> rules) {

	static final PasswordPolicy DEFAULT = new PasswordPolicy(20, List.of(new Rule("abcdefghijklmnopqrstuvwxyz", 1),
			new Rule("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1), new Rule("0123456789", 1), new Rule("-", 1)));

	private static final Pattern LENGTH = Pattern.compile("(?m)^\\s*length\\s*=\\s*(\\d+)\\s*$");

	private static final Pattern RULE = Pattern.compile("rule\\s+\"charset\"\\s*\\{([^}]*)}");

	private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"([^\"]*)\"");

	private static final Pattern MIN_CHARS = Pattern.compile("min[-_]chars\\s*=\\s*(\\d+)");

	private static final int MAX_LENGTH = 100;

	PasswordPolicy {
		rules = List.copyOf(rules);
	}

	/** The policy a config's {@code password_policy} names; empty = the default. */
	static PasswordPolicy parse(String text) {
		if (text == null || text.isBlank()) {
			return DEFAULT;
		}
		Matcher length = LENGTH.matcher(text);
		if (!length.find()) {
			throw invalid("a length is required");
		}
		List<Rule> rules = new ArrayList<>();
		Matcher rule = RULE.matcher(text);
		while (rule.find()) {
			Matcher charset = CHARSET.matcher(rule.group(1));
			if (!charset.find() || charset.group(1).isEmpty()) {
				throw invalid("a charset rule needs a charset");
			}
			Matcher min = MIN_CHARS.matcher(rule.group(1));
			rules.add(new Rule(charset.group(1), min.find() ? parseInt(min.group(1)) : 0));
		}
		if (rules.isEmpty()) {
			throw invalid("at least one charset rule is required");
		}
		PasswordPolicy policy = new PasswordPolicy(parseInt(length.group(1)), rules);
		policy.check();
		return policy;
	}

	String generate(SecureRandom random) {
		List<Character> chars = new ArrayList<>(this.length);
		for (Rule rule : this.rules) {
			for (int i = 0; i < rule.minChars(); i++) {
				chars.add(rule.charset().charAt(random.nextInt(rule.charset().length())));
			}
		}
		String alphabet = alphabet();
		while (chars.size() < this.length) {
			chars.add(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		for (int i = chars.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			Character swap = chars.get(i);
			chars.set(i, chars.get(j));
			chars.set(j, swap);
		}
		StringBuilder out = new StringBuilder(this.length);
		chars.forEach(out::append);
		return out.toString();
	}

	private String alphabet() {
		Set<Character> union = new LinkedHashSet<>();
		for (Rule rule : this.rules) {
			rule.charset().chars().forEach((c) -> union.add((char) c));
		}
		StringBuilder out = new StringBuilder();
		union.forEach(out::append);
		return out.toString();
	}

	private void check() {
		if (this.length < 4 || this.length > MAX_LENGTH) {
			throw invalid("length must be between 4 and " + MAX_LENGTH);
		}
		int required = 0;
		for (Rule rule : this.rules) {
			for (char c : rule.charset().toCharArray()) {
				if (c == '\'' || c == '"' || c == '\\' || c == '$' || Character.isWhitespace(c)
						|| Character.isISOControl(c) || c > 0x7e) {
					throw invalid("charsets may only hold printable ASCII characters other than quotes, "
							+ "backslash, dollar and space");
				}
			}
			required += rule.minChars();
		}
		if (required > this.length) {
			throw invalid("the rules require more characters than the length");
		}
	}

	private static int parseInt(String digits) {
		try {
			return Integer.parseInt(digits);
		}
		catch (NumberFormatException ex) {
			throw invalid("numbers are out of range");
		}
	}

	private static VaultException invalid(String reason) {
		return VaultException.badRequest("invalid password_policy: " + reason);
	}

	/**
	 * One charset rule.
	 *
	 * @param charset the characters it allows
	 * @param minChars how many of them a password must contain at least
	 */
	record Rule(String charset, int minChars) {
	}

}
