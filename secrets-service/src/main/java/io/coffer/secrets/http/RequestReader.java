package io.coffer.secrets.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.common.VaultHeaders;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SnapshotAccess;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultDurations;
import io.coffer.support.web.RequestIdFilter;
import io.coffer.support.web.json.JsonLimits;
import io.coffer.support.web.json.LimitedJson;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Turns a servlet request into a {@link VaultHttpRequest} with Vault's rules
 * (vault-api.md §0): PUT≡POST, LIST ≡ GET with {@code list=true}, PATCH only as JSON
 * merge patch, query parameters as data for GET/DELETE/LIST, JSON or form bodies, 32 MiB
 * at most.
 */
@Component
public class RequestReader {

	/** Vault's default max_request_size. */
	static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

	private final JsonLimits limits;

	public RequestReader(JsonLimits limits) {
		this.limits = limits;
	}

	public VaultHttpRequest read(HttpServletRequest request, String path) throws IOException {
		return read(request, path, true);
	}

	/**
	 * As {@link #read(HttpServletRequest, String)}; with {@code parseBody} false the body
	 * is left unread for a handler that streams it (a snapshot restore).
	 */
	public VaultHttpRequest read(HttpServletRequest request, String path, boolean parseBody) throws IOException {
		String method = request.getMethod().toUpperCase(java.util.Locale.ROOT);
		Map<String, Object> data = new LinkedHashMap<>();
		Map<String, String> query = query(request.getQueryString());
		Operation operation = operation(method, query, request.getContentType());
		if (operation == Operation.READ || operation == Operation.LIST || operation == Operation.DELETE) {
			query.forEach((key, value) -> {
				if (!"list".equals(key) || operation != Operation.LIST) {
					data.put(key, value);
				}
			});
		}
		if (parseBody) {
			data.putAll(body(request));
		}
		String fullPath = path;
		if (operation == Operation.LIST && !fullPath.endsWith("/") && !fullPath.isEmpty()) {
			fullPath = fullPath + "/";
		}
		return new VaultHttpRequest(operation, fullPath, data, token(request), RequestIdFilter.of(request),
				wrapTtl(request.getHeader(VaultHeaders.WRAP_TTL)), snapshotAccess(request, method, query));
	}

	/**
	 * Vault's single-item recovery: {@code read_snapshot_id} on a read or list; a
	 * {@code RECOVER} (or {@code PUT}/{@code POST} naming a snapshot in
	 * {@code X-Vault-Recover-Snapshot-Id} or the deprecated {@code recover_snapshot_id}).
	 */
	static SnapshotAccess snapshotAccess(HttpServletRequest request, String method, Map<String, String> query) {
		boolean write = method.equals("PUT") || method.equals("POST");
		if (method.equals("RECOVER") || write) {
			String id = request.getHeader(SnapshotAccess.SNAPSHOT_ID_HEADER);
			if (id == null || id.isBlank()) {
				id = query.get(SnapshotAccess.RECOVER_PARAMETER);
			}
			if (id == null || id.isBlank()) {
				if (method.equals("RECOVER")) {
					throw VaultException
						.badRequest("missing snapshot ID: set the " + SnapshotAccess.SNAPSHOT_ID_HEADER + " header");
				}
				return null;
			}
			String source = request.getHeader(SnapshotAccess.SOURCE_PATH_HEADER);
			return new SnapshotAccess(id.strip(), true,
					(source == null || source.isBlank()) ? null : source.strip().replaceFirst("^/+", ""));
		}
		String id = query.get(SnapshotAccess.READ_PARAMETER);
		if ((method.equals("GET") || method.equals("LIST")) && id != null && !id.isBlank()) {
			return new SnapshotAccess(id.strip(), false, null);
		}
		return null;
	}

	/**
	 * {@code X-Vault-Wrap-TTL}: seconds or a Go duration; bad or negative is a 400, and
	 * zero means no wrapping, as in Vault.
	 */
	static Duration wrapTtl(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		Duration ttl = VaultDurations.parse(header.trim(), VaultHeaders.WRAP_TTL);
		return ttl.isZero() ? null : ttl;
	}

	private Operation operation(String method, Map<String, String> query, String contentType) {
		return switch (method) {
			case "GET" -> {
				String list = query.get("list");
				if (list == null) {
					yield Operation.READ;
				}
				boolean listing = GoBool.parse(list)
					.orElseThrow(() -> VaultException.badRequest("invalid value for \"list\" query parameter"));
				yield listing ? Operation.LIST : Operation.READ;
			}
			case "LIST" -> Operation.LIST;
			case "PUT", "POST", "RECOVER" -> Operation.UPDATE;
			case "DELETE" -> Operation.DELETE;
			case "PATCH" -> {
				if (contentType == null
						|| !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/merge-patch+json")) {
					throw new VaultException(415, "PATCH requires Content-Type application/merge-patch+json");
				}
				yield Operation.PATCH;
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	/**
	 * The request body as data: JSON object, or form fields when sent as a form; empty
	 * body = no data. The JSON's shape is held to {@link JsonLimits}.
	 */
	public Map<String, Object> body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw new VaultException(413, "http: request body too large");
		}
		byte[] bytes;
		try (InputStream in = request.getInputStream()) {
			bytes = in.readNBytes((int) MAX_BODY_BYTES + 1);
		}
		if (bytes.length > MAX_BODY_BYTES) {
			throw new VaultException(413, "http: request body too large");
		}
		String text = new String(bytes, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			return Map.of();
		}
		String contentType = request.getContentType();
		if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded") && !text.startsWith("{")
				&& !text.startsWith("[")) {
			return new LinkedHashMap<>(query(text));
		}
		Object parsed = LimitedJson.parse(text, this.limits);
		if (parsed instanceof Map<?, ?> map) {
			@SuppressWarnings("unchecked")
			Map<String, Object> result = (Map<String, Object>) map;
			return result;
		}
		throw VaultException.badRequest("failed to parse JSON input: the request body must be a JSON object");
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> out = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return out;
		}
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = decode((eq >= 0) ? pair.substring(0, eq) : pair, "a parameter name");
			String value = (eq >= 0) ? decode(pair.substring(eq + 1), "parameter \"" + key + "\"") : "";
			out.putIfAbsent(key, value);
		}
		return out;
	}

	/** A bad {@code %} escape is the client's error, named without echoing the value. */
	private static String decode(String encoded, String what) {
		try {
			return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw VaultException.badRequest("invalid URL escape in " + what);
		}
	}

	/**
	 * The client's Vault token: {@code X-Vault-Token}, else an {@code Authorization:
	 * Bearer} one (as Prometheus sends it); null when there is none.
	 */
	public static String token(HttpServletRequest request) {
		String token = request.getHeader(VaultHeaders.TOKEN);
		if (token != null && !token.isBlank()) {
			return token.trim();
		}
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return authorization.substring(7).trim();
		}
		return null;
	}

}
