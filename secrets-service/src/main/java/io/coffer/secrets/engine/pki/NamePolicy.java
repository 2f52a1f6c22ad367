package io.coffer.secrets.engine.pki;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vault's checks of the names asked for in a certificate against a role's rules
 * ({@code ValidateNames}): wildcards, {@code enforce_hostnames}, {@code allow_any_name},
 * localhost, and the allowed domains as bare names, subdomains or globs.
 */
final class NamePolicy {

	private static final String LABEL = "([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])";

	/** A host name, optionally a {@code *.} wildcard in front and a trailing dot. */
	static final Pattern HOSTNAME = Pattern.compile("^(\\*\\.)?(" + LABEL + "\\.)*" + LABEL + "\\.?$");

	/** RFC 6125 wildcard labels: {@code *}, {@code *x}, {@code x*}, {@code x*y}. */
	private static final Pattern WILDCARD_LABEL = Pattern
		.compile("^(\\*|\\*" + LABEL + "|" + LABEL + "\\*|" + LABEL + "\\*" + LABEL + ")$");

	private final PkiRole.Names role;

	NamePolicy(PkiRole.Names role) {
		this.role = role;
	}

	/** The first name the role refuses, or null when it allows them all. */
	String firstRefused(List<String> names) {
		for (String name : names) {
			if (!allows(name)) {
				return name;
			}
		}
		return null;
	}

	boolean allows(String name) {
		String reduced = name;
		String emailDomain = name;
		boolean email = false;
		if (reduced.contains("@")) {
			String[] parts = reduced.split("@", -1);
			if (parts.length != 2) {
				return false;
			}
			reduced = parts[1];
			emailDomain = parts[1];
			email = true;
		}
		boolean wildcard = reduced.contains("*");
		String wildcardLabel = "";
		if (wildcard) {
			if (!this.role.allowWildcardCertificates() || reduced.chars().filter((c) -> c == '*').count() > 1) {
				return false;
			}
			int dot = reduced.indexOf('.');
			wildcardLabel = (dot < 0) ? reduced : reduced.substring(0, dot);
			reduced = (dot < 0) ? "" : reduced.substring(dot + 1);
			if (reduced.contains("*")) {
				return false;
			}
		}
		if (email && wildcard) {
			return false;
		}
		if (this.role.enforceHostnames()) {
			if (!reduced.isEmpty() && !isHostname(reduced)) {
				return false;
			}
			if (wildcard && !WILDCARD_LABEL.matcher(wildcardLabel).matches()) {
				return false;
			}
		}
		if (this.role.allowAnyName()) {
			return true;
		}
		if (this.role.allowLocalhost() && localhost(reduced, email, emailDomain, wildcard)) {
			return true;
		}
		for (String domain : this.role.allowedDomains()) {
			if (domainAllows(domain, name, reduced, wildcard, email ? emailDomain : null)) {
				return true;
			}
		}
		return false;
	}

	private boolean localhost(String reduced, boolean email, String emailDomain, boolean wildcard) {
		if (reduced.equals("localhost") || reduced.equals("localdomain")
				|| (email && (emailDomain.equals("localhost") || emailDomain.equals("localdomain")))) {
			return true;
		}
		if (this.role.allowSubdomains()) {
			return reduced.endsWith(".localhost") || reduced.endsWith(".localdomain")
					|| (wildcard && (reduced.equals("localhost") || reduced.equals("localdomain")));
		}
		return false;
	}

	private boolean domainAllows(String domain, String name, String reduced, boolean wildcard, String emailDomain) {
		if (domain.isEmpty()) {
			return false;
		}
		if (this.role.allowBareDomains()
				&& (name.equalsIgnoreCase(domain) || (emailDomain != null && emailDomain.equalsIgnoreCase(domain)))) {
			return true;
		}
		if (this.role.allowSubdomains()
				&& (reduced.endsWith("." + domain) || (wildcard && reduced.equalsIgnoreCase(domain)))) {
			return true;
		}
		return this.role.allowGlobDomains() && domain.contains("*")
				&& glob(domain.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
	}

	/** A DNS name after IDNA conversion, as Vault checks with its hostname pattern. */
	static boolean isHostname(String name) {
		boolean wildcard = name.startsWith("*.");
		try {
			String ascii = IDN.toASCII(wildcard ? name.substring(2) : name, IDN.USE_STD3_ASCII_RULES);
			return HOSTNAME.matcher(wildcard ? "*." + ascii : ascii).matches();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** {@code go-glob}: {@code *} stands for any run of characters, dots included. */
	static boolean glob(String pattern, String subject) {
		if (pattern.equals("*")) {
			return true;
		}
		String[] parts = pattern.split("\\*", -1);
		if (parts.length == 1) {
			return pattern.equals(subject);
		}
		if (!subject.startsWith(parts[0])) {
			return false;
		}
		int at = parts[0].length();
		for (int i = 1; i < parts.length - 1; i++) {
			int found = subject.indexOf(parts[i], at);
			if (found < 0) {
				return false;
			}
			at = found + parts[i].length();
		}
		String last = parts[parts.length - 1];
		return subject.length() - at >= last.length() && subject.endsWith(last);
	}

}
