package io.coffer.audit.device.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.coffer.audit.device.CommonOptions;
import io.coffer.audit.device.GoDurations;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An http device's options: OpenBao 2.5's ({@code uri}, required; {@code headers}, a JSON
 * object of header name to a list of values, headers without values ignored) plus two of
 * Coffer's: {@code batch_lines} (lines per POST, default 100; {@code 1} posts each entry
 * alone, exactly as OpenBao does) and {@code write_timeout} (one POST, default 10s,
 * Vault's audit timeout; OpenBao's device has none and can hang forever).
 *
 * <p>
 * Unlike OpenBao, {@code uri} and header values are not resolved through
 * {@code env://}/{@code file://}: Coffer enables devices over the API, and such
 * resolution would let an API caller send the audit host's environment or files to any
 * server (OpenBao allows it only for devices declared in its configuration file).
 *
 * @param uri where the lines are POSTed ({@code http} or {@code https})
 * @param headers extra request headers
 * @param prefix the common {@code prefix}, put before each line
 * @param batchLines at most this many lines per POST
 * @param writeTimeout how long one POST may take, connecting included
 */
record HttpOptions(URI uri, Map<String, List<String>> headers, String prefix, int batchLines, Duration writeTimeout) {

	/** Headers the JDK client sets itself and refuses from callers. */
	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

	/**
	 * Reads and checks the options.
	 * @throws IllegalArgumentException with OpenBao's texts where it has one
	 */
	static HttpOptions of(Map<String, String> options) {
		String rawUri = options.get("uri");
		if (rawUri == null || rawUri.isBlank()) {
			throw new IllegalArgumentException("uri is required");
		}
		return new HttpOptions(uri(rawUri), headers(options.get("headers")), CommonOptions.prefix(options),
				batchLines(options.get("batch_lines")),
				GoDurations.option("write_timeout", options.get("write_timeout"), Duration.ofSeconds(10)));
	}

	private static URI uri(String raw) {
		try {
			URI uri = URI.create(raw);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
				throw new IllegalArgumentException("failed to parse uri: an http or https URL with a host is required");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("failed to parse uri")) {
				throw ex;
			}
			// URI's own message quotes the input, which may carry a credential.
			throw new IllegalArgumentException("failed to parse uri: not a valid URL");
		}
	}

	private static Map<String, List<String>> headers(String raw) {
		if (raw == null || raw.isBlank()) {
			return Map.of();
		}
		Map<String, List<String>> decoded;
		try {
			decoded = JsonMapper.shared().readValue(raw, new TypeReference<Map<String, List<String>>>() {
			});
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"failed to parse headers: a JSON object of header names to lists of values is required");
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> header : decoded.entrySet()) {
			String name = header.getKey();
			if (name.isEmpty() || !name.chars().allMatch((c) -> c > 32 && c < 127 && c != ':')) {
				throw new IllegalArgumentException("failed to parse headers: invalid header name");
			}
			if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("failed to parse header " + name + ": set by the client itself");
			}
			List<String> values = (header.getValue() != null)
					? header.getValue().stream().filter((value) -> value != null).toList() : List.of();
			for (String value : values) {
				if (value.chars().anyMatch((c) -> c == '\r' || c == '\n')) {
					throw new IllegalArgumentException("failed to parse header " + name + ": invalid value");
				}
			}
			if (!values.isEmpty()) {
				headers.put(name, values);
			}
		}
		return Map.copyOf(headers);
	}

	private static int batchLines(String raw) {
		if (raw == null || raw.isBlank()) {
			return 100;
		}
		try {
			int value = Integer.parseInt(raw.trim());
			if (value >= 1) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw new IllegalArgumentException("unable to parse 'batch_lines': a positive integer is required");
	}

	boolean hasHeader(String name) {
		return this.headers.keySet().stream().anyMatch((header) -> header.equalsIgnoreCase(name));
	}

	@Override
	public String toString() {
		// The URI's query and the header values may hold credentials.
		return "HttpOptions[host=" + this.uri.getHost() + ", headers=" + this.headers.keySet() + ", batchLines="
				+ this.batchLines + "]";
	}

}
