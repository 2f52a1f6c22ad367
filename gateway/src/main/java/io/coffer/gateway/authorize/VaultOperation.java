package io.coffer.gateway.authorize;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.coffer.gateway.error.InvalidRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * A client request as the active node's ACL sees it, read the way the nodes read Vault
 * requests: {@code GET} is {@code read} ({@code list} with {@code ?list=true}),
 * {@code LIST} is {@code list}, {@code PUT} and {@code POST} are {@code update} (the
 * existence check does not apply), {@code DELETE} is {@code delete}, {@code PATCH} is
 * {@code patch}. The parameters checked against a policy's parameter constraints are the
 * query of a read, list or delete and the JSON object body of a write.
 *
 * @param name Vault's operation name
 * @param data the request's parameters
 */
record VaultOperation(String name, Map<String, Object> data) {

	private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");

	private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

	@SuppressWarnings("unchecked")
	static VaultOperation of(ServerHttpRequest request, byte[] body, JsonMapper json) {
		String method = request.getMethod().name();
		return switch (method) {
			case "GET" -> {
				String list = request.getQueryParams().getFirst("list");
				if (list != null && !TRUE.contains(list) && !FALSE.contains(list)) {
					throw new InvalidRequestException("invalid value for \"list\" query parameter");
				}
				yield new VaultOperation((list != null && TRUE.contains(list)) ? "list" : "read", query(request));
			}
			case "LIST" -> new VaultOperation("list", query(request));
			case "DELETE" -> new VaultOperation("delete", query(request));
			case "PUT", "POST" -> new VaultOperation("update", jsonObject(body, json));
			case "PATCH" -> new VaultOperation("patch", jsonObject(body, json));
			default -> throw new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED);
		};
	}

	private static Map<String, Object> query(ServerHttpRequest request) {
		Map<String, Object> data = new LinkedHashMap<>();
		request.getQueryParams().forEach((name, values) -> {
			if (!name.equals("list") && !values.isEmpty()) {
				data.put(name, values.get(0));
			}
		});
		return data;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> jsonObject(byte[] body, JsonMapper json) {
		if (body.length == 0) {
			return Map.of();
		}
		try {
			Object parsed = json.readValue(body, Object.class);
			if (parsed instanceof Map<?, ?> object) {
				return (Map<String, Object>) object;
			}
		}
		catch (JacksonException ex) {
			// Falls through to the fixed text: the parser's message may quote the body.
		}
		throw new InvalidRequestException("failed to parse JSON input");
	}

}
