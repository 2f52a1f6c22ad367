package io.coffer.secrets.engine.database;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.coffer.secrets.kernel.VaultException;

/**
 * Where and as whom to connect, from a config's {@code connection_url}: either a
 * {@code postgresql://user:pass@host:port/db?k=v} URL or a libpq {@code key=value} DSN,
 * with {@code {{username}}} and {@code {{password}}} replaced by the config's user and
 * password. The credentials go into the driver properties, never into the JDBC URL (so
 * they never appear in a pool's or driver's log line).
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db}
 * @param properties driver properties, {@code user} and {@code password} included
 */
record JdbcTarget(String jdbcUrl, Properties properties) {

	private static final Pattern URL = Pattern.compile(
			"(?s)postgres(?:ql)?://(?:(?<userinfo>[^@/?]*)@)?(?<hosts>[^/?]*)(?:/(?<db>[^?]*))?(?:\\?(?<query>.*))?");

	/**
	 * libpq's {@code key = value} pairs; values may be single-quoted with backslash
	 * escapes.
	 */
	private static final Pattern PAIR = Pattern.compile("\\s*(\\w+)\\s*=\\s*('((?:[^'\\\\]|\\\\.)*)'|(\\S*))");

	/**
	 * The libpq parameters accepted, by their JDBC driver names. Only these: the driver
	 * has properties that load classes or write files ({@code socketFactory},
	 * {@code sslfactory}, {@code loggerFile}...), which a config writer must not reach.
	 */
	private static final Map<String, String> PARAMETERS = Map.of("sslmode", "sslmode", "sslrootcert", "sslrootcert",
			"sslcert", "sslcert", "sslkey", "sslkey", "connect_timeout", "connectTimeout", "application_name",
			"ApplicationName", "target_session_attrs", "targetServerType", "options", "options");

	/**
	 * libpq's {@code target_session_attrs} values as the driver's
	 * {@code targetServerType}.
	 */
	private static final Map<String, String> SESSION_ATTRS = Map.of("any", "any", "read-write", "primary", "primary",
			"primary", "read-only", "secondary", "standby", "secondary", "prefer-standby", "preferSecondary");

	static JdbcTarget of(String connectionUrl, String username, String password) {
		if (connectionUrl == null || connectionUrl.isBlank()) {
			throw VaultException.badRequest("error creating database object: connection_url cannot be empty");
		}
		String trimmed = connectionUrl.trim();
		Templates templates = new Templates(username, password);
		return trimmed.matches("(?s)postgres(?:ql)?://.*") ? fromUrl(trimmed, templates) : fromDsn(trimmed, templates);
	}

	@Override
	public String toString() {
		return "JdbcTarget[" + this.jdbcUrl + "]";
	}

	private static JdbcTarget fromUrl(String url, Templates templates) {
		Matcher matcher = URL.matcher(url);
		if (!matcher.matches()) {
			throw invalidUrl();
		}
		Properties properties = new Properties();
		String userinfo = matcher.group("userinfo");
		if (userinfo != null) {
			int colon = userinfo.indexOf(':');
			String user = (colon < 0) ? userinfo : userinfo.substring(0, colon);
			properties.setProperty("user", templates.apply(user, true));
			if (colon >= 0) {
				properties.setProperty("password", templates.apply(userinfo.substring(colon + 1), true));
			}
		}
		String query = matcher.group("query");
		if (query != null && !query.isEmpty()) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				String key = decode((eq < 0) ? pair : pair.substring(0, eq));
				String value = (eq < 0) ? "" : pair.substring(eq + 1);
				put(properties, key, templates.apply(value, true));
			}
		}
		String hosts = matcher.group("hosts");
		String db = (matcher.group("db") != null) ? decode(matcher.group("db")) : "";
		return target(hosts.isEmpty() ? "localhost" : hosts, db, properties, templates);
	}

	private static JdbcTarget fromDsn(String dsn, Templates templates) {
		Map<String, String> pairs = new LinkedHashMap<>();
		Matcher matcher = PAIR.matcher(dsn);
		int end = 0;
		while (matcher.find() && matcher.start() == end) {
			String value = (matcher.group(3) != null) ? matcher.group(3).replaceAll("\\\\(.)", "$1") : matcher.group(4);
			pairs.put(matcher.group(1), value);
			end = matcher.end();
		}
		if (pairs.isEmpty() || !dsn.substring(end).isBlank()) {
			throw invalidUrl();
		}
		Properties properties = new Properties();
		String host = pairs.getOrDefault("host", "localhost");
		String port = pairs.get("port");
		String db = pairs.getOrDefault("dbname", "");
		pairs.forEach((key, value) -> {
			switch (key) {
				case "host", "port", "dbname" -> {
				}
				case "user" -> properties.setProperty("user", templates.apply(value, false));
				case "password" -> properties.setProperty("password", templates.apply(value, false));
				default -> put(properties, key, templates.apply(value, false));
			}
		});
		return target((port != null) ? host + ":" + port : host, db, properties, templates);
	}

	private static JdbcTarget target(String hosts, String db, Properties properties, Templates templates) {
		if (!hosts.matches("[\\w.:\\[\\],%-]+") || db.contains("/")) {
			throw invalidUrl();
		}
		if (!properties.containsKey("user") && !templates.username().isEmpty()) {
			properties.setProperty("user", templates.username());
		}
		if (!properties.containsKey("password") && !templates.password().isEmpty()) {
			properties.setProperty("password", templates.password());
		}
		// The server's Detail/Where lines can quote row data; keep errors to the message.
		properties.setProperty("logServerErrorDetail", "false");
		return new JdbcTarget("jdbc:postgresql://" + hosts + "/" + db, properties);
	}

	private static void put(Properties properties, String key, String value) {
		String property = PARAMETERS.get(key);
		if (property == null) {
			throw VaultException.badRequest(
					"error creating database object: unsupported connection_url parameter \"" + safeName(key) + "\"");
		}
		if (property.equals("targetServerType")) {
			String mapped = SESSION_ATTRS.get(value);
			if (mapped == null) {
				throw VaultException
					.badRequest("error creating database object: invalid target_session_attrs in connection_url");
			}
			properties.setProperty(property, mapped);
			return;
		}
		properties.setProperty(property, value);
	}

	/** A parameter name as an error may show it (never a value). */
	private static String safeName(String key) {
		return key.replaceAll("[^\\w.-]", "?");
	}

	private static String decode(String text) {
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static VaultException invalidUrl() {
		// The URL may hold a literal password: never echo it.
		return VaultException
			.badRequest("error creating database object: connection_url is not a valid PostgreSQL URL or DSN");
	}

	/** The config's username and password for the URL's templates. */
	private record Templates(String username, String password) {

		Templates {
			username = (username != null) ? username : "";
			password = (password != null) ? password : "";
		}

		/**
		 * A URL part with its templates replaced; literal parts of a URL are
		 * percent-decoded first, the config's values are used as they are.
		 */
		String apply(String part, boolean urlEncoded) {
			StringBuilder out = new StringBuilder();
			Matcher template = Pattern.compile("\\{\\{\\s*(username|password)\\s*}}").matcher(part);
			int last = 0;
			while (template.find()) {
				String literal = part.substring(last, template.start());
				out.append(urlEncoded ? decode(literal) : literal);
				out.append(template.group(1).equals("username") ? this.username : this.password);
				last = template.end();
			}
			String tail = part.substring(last);
			return out.append(urlEncoded ? decode(tail) : tail).toString();
		}

		@Override
		public String toString() {
			return "Templates[username=" + this.username + "]";
		}

	}

}
