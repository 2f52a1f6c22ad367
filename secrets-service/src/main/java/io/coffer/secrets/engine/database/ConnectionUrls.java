package io.coffer.secrets.engine.database;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a config read may show of a {@code connection_url}, and whether it holds a literal
 * password (Vault warns then: a literal password can neither be rotated nor hidden from
 * readers, so reads show {@code xxxxx} in its place, as Go's {@code url.Redacted} does).
 */
final class ConnectionUrls {

	private static final Pattern URL_PASSWORD = Pattern.compile("(?s)^(postgres(?:ql)?://[^@/?:]*:)([^@/?]*)(@.*)$");

	private static final Pattern DSN_PASSWORD = Pattern.compile("(\\bpassword\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\\S*)");

	private static final String TEMPLATE = "{{password}}";

	private ConnectionUrls() {
	}

	static boolean hasLiteralPassword(String connectionUrl) {
		Matcher url = URL_PASSWORD.matcher(connectionUrl.trim());
		if (url.matches()) {
			return !url.group(2).isEmpty() && !isTemplate(url.group(2));
		}
		Matcher dsn = DSN_PASSWORD.matcher(connectionUrl);
		return dsn.find() && !isTemplate(dsn.group(2)) && !dsn.group(2).isEmpty();
	}

	static String redacted(String connectionUrl) {
		if (!hasLiteralPassword(connectionUrl)) {
			return connectionUrl;
		}
		Matcher url = URL_PASSWORD.matcher(connectionUrl.trim());
		if (url.matches()) {
			return url.group(1) + "xxxxx" + url.group(3);
		}
		return DSN_PASSWORD.matcher(connectionUrl).replaceAll("$1xxxxx");
	}

	private static boolean isTemplate(String value) {
		return value.replace("'", "").replace(" ", "").equals(TEMPLATE);
	}

}
