package io.coffer.support.web.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.coffer.support.error.VaultErrorException;
import io.coffer.support.web.json.JsonLimits;
import io.coffer.support.web.json.LimitedJson;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriUtils;

/**
 * A Vault API request as a service's controllers read it (vault-api.md §0): the body's
 * JSON object (empty body: no fields) with the query parameters under it, the operation
 * (PUT ≡ POST, LIST ≡ GET with {@code list=true}) and the path below a route's prefix.
 *
 * @param operation {@code read}, {@code write}, {@code list} or {@code delete}
 * @param fields the request's fields
 * @param path the request path, decoded, without {@code /v1/}
 */
public record VaultRequest(String operation, Map<String, Object> fields, String path) {

	public static VaultRequest of(HttpServletRequest request, JsonLimits limits) {
		Map<String, Object> fields = new LinkedHashMap<>();
		// the query string only: getParameterMap() would consume a form-typed body
		String query = request.getQueryString();
		if (query != null) {
			addPairs(query, fields, false);
		}
		String operation = operation(request, fields);
		fields.remove("list");
		String body = body(request);
		if (isForm(request, body)) {
			addPairs(body, fields, true);
		}
		else if (!body.isBlank()) {
			if (!(LimitedJson.parse(body, limits) instanceof Map<?, ?> object)) {
				throw new VaultErrorException(400, "invalid JSON");
			}
			object.forEach((name, value) -> fields.put((String) name, value));
		}
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		String path = UriUtils.decode(uri.startsWith("/v1/") ? uri.substring(4) : uri, StandardCharsets.UTF_8);
		return new VaultRequest(operation, fields, path);
	}

	/**
	 * Vault parses a body as a form only when it is typed
	 * {@code application/x-www-form-urlencoded} and does not start with a JSON object or
	 * array ({@code curl -d '{...}'} sends JSON typed as a form).
	 */
	private static boolean isForm(HttpServletRequest request, String body) {
		String type = request.getContentType();
		String start = body.stripLeading();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
				&& !start.isEmpty() && !start.startsWith("{") && !start.startsWith("[");
	}

	/** {@code a=1&b=2}, decoded; body values replace query ones, as a JSON body's do. */
	private static void addPairs(String pairs, Map<String, Object> fields, boolean replace) {
		for (String pair : pairs.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			if (replace) {
				fields.put(name, value);
			}
			else {
				fields.putIfAbsent(name, value);
			}
		}
	}

	private static String decode(String text) {
		return UriUtils.decode(text.replace('+', ' '), StandardCharsets.UTF_8);
	}

	private static String operation(HttpServletRequest request, Map<String, Object> fields) {
		return switch (request.getMethod().toUpperCase(Locale.ROOT)) {
			case "PUT", "POST" -> "write";
			case "DELETE" -> "delete";
			case "LIST" -> "list";
			case "GET" -> VaultValues.bool(fields.get("list"), "list", false) ? "list" : "read";
			default -> throw new VaultErrorException(405, "unsupported operation");
		};
	}

	private static String body(HttpServletRequest request) {
		try {
			return new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The part of the path after {@code prefix} (without a leading slash), or empty. */
	public String below(String prefix) {
		if (!this.path.startsWith(prefix)) {
			return "";
		}
		String rest = this.path.substring(prefix.length());
		return rest.startsWith("/") ? rest.substring(1) : rest;
	}

	/** A string field, or empty. */
	public String string(String name) {
		Object value = this.fields.get(name);
		return (value != null) ? String.valueOf(value) : "";
	}

	public void requireOperation(String... allowed) {
		for (String operation : allowed) {
			if (operation.equals(this.operation)) {
				return;
			}
		}
		throw new VaultErrorException(405, "unsupported operation");
	}

}
