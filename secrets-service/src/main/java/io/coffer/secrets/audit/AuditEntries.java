package io.coffer.secrets.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.TokenEntry;

import org.springframework.stereotype.Component;

/**
 * Formats Vault's audit entries, one compact JSON object per device: the request entry
 * ({@code time, type, auth, request, error}) and the response entry ({@code time, type,
 * auth, request, response, error}), with the field names and order of Vault's (OpenBao's
 * {@code internal/audit/format.go}) and empty fields left out.
 * <p>
 * Unless the device is {@code log_raw}, every string in the request and response
 * {@code data} (recursively, map keys and RFC 3339 timestamps excepted, as Vault's hash
 * walker does), the client token, the accessors (when {@code hmac_accessor}), the
 * response's auth token and the wrapping token become {@code hmac-sha256:<hex>} keyed by
 * the device's salt. Map keys inside {@code data} and {@code metadata} are sorted, as
 * Go's JSON encoder writes them. With {@code elide_list_responses}, a list response's
 * {@code keys} and {@code key_info} become their counts.
 */
@Component
public class AuditEntries {

	private static final Map<String, Object> ROOT_NAMESPACE = Map.of("id", "root");

	private final Clock clock;

	AuditEntries(Clock clock) {
		this.clock = clock;
	}

	/** The request entry of {@code event} for {@code device}. */
	public String request(EnabledDevice device, AuditEvent event) {
		Hasher hasher = new Hasher(device);
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("time", now());
		entry.put("type", "request");
		entry.put("auth", auth(event, hasher));
		entry.put("request", request(event, hasher));
		putText(entry, "error", event.error());
		return Json.MAPPER.writeValueAsString(entry);
	}

	/** The response entry of {@code event} for {@code device}. */
	public String response(EnabledDevice device, AuditEvent event) {
		Hasher hasher = new Hasher(device);
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("time", now());
		entry.put("type", "response");
		entry.put("auth", auth(event, hasher));
		entry.put("request", request(event, hasher));
		entry.put("response", response(event, hasher, device.elideListResponses() && "list".equals(event.operation())));
		putText(entry, "error", event.error());
		return Json.MAPPER.writeValueAsString(entry);
	}

	private String now() {
		return Instant.now(this.clock).toString();
	}

	/**
	 * The caller's auth: empty but for Vault's {@code token_type} when no token was
	 * resolved.
	 */
	private static Map<String, Object> auth(AuditEvent event, Hasher hasher) {
		Map<String, Object> auth = new LinkedHashMap<>();
		TokenEntry token = event.token();
		if (token == null || token.isLoginCaller()) {
			auth.put("token_type", "default");
			return auth;
		}
		putText(auth, "client_token", hasher.token(event.clientToken()));
		putText(auth, "accessor", hasher.accessor(token.accessor()));
		putText(auth, "display_name", token.displayName());
		putList(auth, "policies", token.policies());
		putList(auth, "token_policies", token.policies());
		if (!token.meta().isEmpty()) {
			auth.put("metadata", new TreeMap<>(token.meta()));
		}
		if (token.numUses() > 0) {
			auth.put("remaining_uses", token.numUses());
		}
		auth.put("token_type", token.type());
		if (token.ttlSeconds() > 0) {
			auth.put("token_ttl", token.ttlSeconds());
		}
		if (token.creationTime() > 0) {
			auth.put("token_issue_time", Instant.ofEpochSecond(token.creationTime()).toString());
		}
		return auth;
	}

	private static Map<String, Object> request(AuditEvent event, Hasher hasher) {
		Map<String, Object> request = new LinkedHashMap<>();
		putText(request, "id", event.requestId());
		putText(request, "operation", event.operation());
		putMount(request, event.mount());
		putText(request, "client_token", hasher.token(event.clientToken()));
		if (event.token() != null && !event.token().isLoginCaller()) {
			putText(request, "client_token_accessor", hasher.accessor(event.token().accessor()));
		}
		request.put("namespace", ROOT_NAMESPACE);
		putText(request, "path", event.path());
		putMap(request, "data", hasher.data(event.data()));
		putText(request, "remote_address", event.remoteAddress());
		if (event.wrapTtlSeconds() > 0) {
			request.put("wrap_ttl", event.wrapTtlSeconds());
		}
		return request;
	}

	private static Map<String, Object> response(AuditEvent event, Hasher hasher, boolean elide) {
		Map<String, Object> response = new LinkedHashMap<>();
		AuditedResponse client = (event.response() != null) ? event.response() : AuditedResponse.none();
		if (client.auth() != null) {
			response.put("auth", responseAuth(client.auth(), hasher));
		}
		putMount(response, event.mount());
		if (!client.leaseId().isEmpty()) {
			response.put("secret", Map.of("lease_id", client.leaseId()));
		}
		Map<String, Object> data = client.data();
		if (data != null && elide) {
			data = elided(Json.MAPPER.convertValue(data, Map.class));
		}
		putMap(response, "data", hasher.data(data));
		putList(response, "warnings", client.warnings());
		if (client.wrapInfo() != null) {
			response.put("wrap_info", wrapInfo(client.wrapInfo(), hasher));
		}
		return response;
	}

	private static Map<String, Object> responseAuth(Map<String, Object> auth, Hasher hasher) {
		Map<String, Object> out = new LinkedHashMap<>();
		putText(out, "client_token", hasher.token(text(auth.get("client_token"))));
		putText(out, "accessor", hasher.accessor(text(auth.get("accessor"))));
		putText(out, "display_name", text(auth.get("display_name")));
		putValue(out, "policies", auth.get("policies"));
		putValue(out, "token_policies", auth.get("token_policies"));
		putValue(out, "identity_policies", auth.get("identity_policies"));
		putValue(out, "metadata", auth.get("metadata"));
		if (auth.get("num_uses") instanceof Number uses && uses.longValue() != 0) {
			out.put("num_uses", uses);
		}
		putText(out, "entity_id", text(auth.get("entity_id")));
		putText(out, "token_type", text(auth.get("token_type")));
		if (auth.get("lease_duration") instanceof Number ttl && ttl.longValue() != 0) {
			out.put("token_ttl", ttl);
		}
		return out;
	}

	private static Map<String, Object> wrapInfo(Map<String, Object> info, Hasher hasher) {
		Map<String, Object> out = new LinkedHashMap<>();
		if (info.get("ttl") instanceof Number ttl && ttl.longValue() != 0) {
			out.put("ttl", ttl);
		}
		putText(out, "token", hasher.token(text(info.get("token"))));
		putText(out, "accessor", hasher.accessor(text(info.get("accessor"))));
		putText(out, "creation_time", text(info.get("creation_time")));
		putText(out, "creation_path", text(info.get("creation_path")));
		putText(out, "wrapped_accessor", hasher.accessor(text(info.get("wrapped_accessor"))));
		return out;
	}

	private static void putMount(Map<String, Object> out, MountEntry mount) {
		if (mount != null) {
			putText(out, "mount_point", mount.path());
			putText(out, "mount_type", mount.type());
			putText(out, "mount_accessor", mount.accessor());
		}
	}

	/**
	 * Vault's {@code doElideListResponseData}: {@code keys} and {@code key_info} become
	 * counts.
	 */
	private static Map<String, Object> elided(Map<?, ?> data) {
		Map<String, Object> out = new LinkedHashMap<>();
		data.forEach((key, value) -> {
			if ("keys".equals(key) && value instanceof List<?> keys) {
				out.put("keys", keys.size());
			}
			else if ("key_info".equals(key) && value instanceof Map<?, ?> info) {
				out.put("key_info", info.size());
			}
			else {
				out.put(String.valueOf(key), value);
			}
		});
		return out;
	}

	private static String text(Object value) {
		return (value instanceof String text) ? text : null;
	}

	private static void putText(Map<String, Object> out, String name, String value) {
		if (value != null && !value.isEmpty()) {
			out.put(name, value);
		}
	}

	private static void putList(Map<String, Object> out, String name, List<?> value) {
		if (value != null && !value.isEmpty()) {
			out.put(name, value);
		}
	}

	private static void putMap(Map<String, Object> out, String name, Map<?, ?> value) {
		if (value != null && !value.isEmpty()) {
			out.put(name, value);
		}
	}

	private static void putValue(Map<String, Object> out, String name, Object value) {
		if (value instanceof List<?> list) {
			putList(out, name, list);
		}
		else if (value instanceof Map<?, ?> map) {
			putMap(out, name, Hasher.sorted(map, UnaryOperator.identity()));
		}
		else if (value != null) {
			out.put(name, value);
		}
	}

	/** One device's hashing rules. */
	private static final class Hasher {

		private final EnabledDevice device;

		private final boolean raw;

		Hasher(EnabledDevice device) {
			this.device = device;
			this.raw = device.logRaw();
		}

		String token(String token) {
			return (token == null || token.isEmpty() || this.raw) ? token : this.device.hash(token);
		}

		String accessor(String accessor) {
			return (accessor == null || accessor.isEmpty() || this.raw || !this.device.hmacAccessor()) ? accessor
					: this.device.hash(accessor);
		}

		/**
		 * A JSON copy of {@code data} (as the client sent or received it), its strings
		 * hashed unless raw, its keys sorted as Go's JSON encoder writes a map.
		 */
		Map<String, Object> data(Map<String, Object> data) {
			if (data == null || data.isEmpty()) {
				return null;
			}
			Map<?, ?> copy = Json.MAPPER.convertValue(data, LinkedHashMap.class);
			return sorted(copy, this.raw ? UnaryOperator.identity() : this.device::hash);
		}

		static Map<String, Object> sorted(Map<?, ?> map, UnaryOperator<String> hash) {
			Map<String, Object> out = new TreeMap<>();
			map.forEach((key, value) -> out.put(String.valueOf(key), hashValue(value, hash)));
			return out;
		}

		private static Object hashValue(Object value, UnaryOperator<String> hash) {
			if (value instanceof String text) {
				return isTimestamp(text) ? text : hash.apply(text);
			}
			if (value instanceof Map<?, ?> map) {
				return sorted(map, hash);
			}
			if (value instanceof List<?> list) {
				List<Object> out = new ArrayList<>(list.size());
				list.forEach((element) -> out.add(hashValue(element, hash)));
				return out;
			}
			return value;
		}

		/** Vault's hash walker leaves RFC 3339 timestamps as they are. */
		private static boolean isTimestamp(String text) {
			if (text.length() < 20 || text.charAt(4) != '-') {
				return false;
			}
			try {
				OffsetDateTime.parse(text);
				return true;
			}
			catch (DateTimeParseException ex) {
				return false;
			}
		}

	}

}
