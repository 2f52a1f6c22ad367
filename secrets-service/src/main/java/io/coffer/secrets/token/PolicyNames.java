package io.coffer.secrets.token;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Vault's {@code policyutil.SanitizePolicies}: trimmed, lower-cased, unique, sorted; with
 * {@code root} among them, {@code root} alone.
 */
public final class PolicyNames {

	public static final String DEFAULT = "default";

	public static final String ROOT = "root";

	/** The one policy of a response-wrapping token (Vault's name). */
	public static final String RESPONSE_WRAPPING = "response-wrapping";

	private PolicyNames() {
	}

	/**
	 * @param names the requested names
	 * @param addDefault whether to add {@code default}
	 */
	public static List<String> sanitize(Collection<String> names, boolean addDefault) {
		TreeSet<String> out = new TreeSet<>();
		for (String name : names) {
			String clean = name.trim().toLowerCase(Locale.ROOT);
			if (!clean.isEmpty()) {
				out.add(clean);
			}
		}
		if (out.contains(ROOT)) {
			return List.of(ROOT);
		}
		if (addDefault) {
			out.add(DEFAULT);
		}
		return List.copyOf(out);
	}

}
