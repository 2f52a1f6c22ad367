package io.coffer.secrets.engine.database;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.coffer.secrets.kernel.VaultException;

/**
 * The database's own error text for Vault's error bodies, with every secret the engine
 * knows at that moment (config password, generated password) replaced by
 * {@code [password]}, as Vault's error sanitizer middleware does, in case the server
 * echoes part of a statement. A secret of {@value #MIN_SUBSTRING_LENGTH} characters or
 * more is replaced wherever it occurs; a shorter one only where it stands as a whole
 * token (no letter or digit right before or after it), so that a one-letter password does
 * not turn {@code exist} into {@code e[password]ist}, while the server quoting it
 * ({@code "x"}, {@code 'x'}, {@code at or near "x"}) still never shows it.
 */
final class DatabaseErrors {

	/**
	 * From this length a secret is replaced inside words too: a generated password (20
	 * characters by default) the server quotes glued to other text is still taken out,
	 * and chance matches of so long a secret in ordinary text do not happen.
	 */
	static final int MIN_SUBSTRING_LENGTH = 8;

	static final String REDACTED = "[password]";

	private DatabaseErrors() {
	}

	static String message(SQLException ex, Collection<String> secrets) {
		String text = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return sanitize(text, secrets);
	}

	static String sanitize(String text, Collection<String> secrets) {
		// Longest first: a short secret inside a longer one must not leave the rest of
		// the longer one visible.
		List<String> ordered = secrets.stream()
			.filter(Objects::nonNull)
			.filter((secret) -> !secret.isEmpty())
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
		if (ordered.isEmpty()) {
			return text;
		}
		// One pass over the text, so that a replacement is never matched again.
		String alternatives = ordered.stream()
			.map((secret) -> (secret.length() >= MIN_SUBSTRING_LENGTH) ? Pattern.quote(secret)
					: "(?<![\\p{L}\\p{N}])" + Pattern.quote(secret) + "(?![\\p{L}\\p{N}])")
			.collect(Collectors.joining("|"));
		return Pattern.compile(alternatives).matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
	}

	static VaultException badRequest(String prefix, SQLException ex, Collection<String> secrets) {
		return VaultException.badRequest(prefix + message(ex, secrets));
	}

	static VaultException internal(String prefix, SQLException ex, Collection<String> secrets) {
		return new VaultException(500, prefix + message(ex, secrets));
	}

}
