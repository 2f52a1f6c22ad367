package io.coffer.lease.api;

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
 * A Vault API request as lease-service reads it (vault-api.md §0): the body's JSON object
 * (empty body: no fields) with the query parameters under it, the operation (PUT ≡ POST,
 * LIST ≡ GET with {@code list=true}) and the path below a route's prefix.
 *
 * @param operation {@code read}, {@code write}, {@code list} or {@code delete}
 * @param fields the request's fields
 * @param path the request path, decoded, without {@code /v1/}
 */
public record VaultRequest(String operation, Map<String, Object> fields, String path) {

	static VaultRequest of(HttpServletRequest request, JsonLimits limits) {
		Map<String, Object> fields = new LinkedHashMap<>();
		// the query string only: getParameterMap() would consume a form-typed body
		String query = request.getQueryString();
		if (query != null) {
			for (String pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = UriUtils.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
				String value = (equals < 0) ? "" : UriUtils.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				fields.putIfAbsent(name, value);
			}
		}
		String operation = operation(request, fields);
		fields.remove("list");
		String body = body(request);
		if (!body.isBlank()) {
			if (!(LimitedJson.parse(body, limits) instanceof Map<?, ?> object)) {
				throw new VaultErrorException(400, "invalid JSON");
			}
			object.forEach((name, value) -> fields.put((String) name, value));
		}
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		String path = UriUtils.decode(uri.startsWith("/v1/") ? uri.substring(4) : uri, StandardCharsets.UTF_8);
		return new VaultRequest(operation, fields, path);
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
