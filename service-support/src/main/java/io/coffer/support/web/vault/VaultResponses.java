package io.coffer.support.web.vault;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.support.error.VaultErrorException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Vault's response envelope for the {@code sys/} paths the services other than the
 * secrets nodes answer (lease-service, audit-service).
 */
public final class VaultResponses {

	private VaultResponses() {
	}

	/** 200 with {@code data}. */
	public static ResponseEntity<Object> data(String requestId, Map<String, Object> data) {
		return json(envelope(requestId, data));
	}

	/** 200 with {@code data.keys}, or Vault's bare 404 when there is none. */
	public static ResponseEntity<Object> keys(String requestId, List<String> keys) {
		if (keys.isEmpty()) {
			throw new VaultErrorException(404, List.of());
		}
		return data(requestId, Map.of("keys", keys));
	}

	/**
	 * 200 with {@code data}, each key also copied to the top level (the legacy sys paths
	 * of vault-api.md's "top-level data copy", e.g. {@code sys/audit},
	 * {@code sys/audit-hash}).
	 */
	public static ResponseEntity<Object> dataWithTopLevelCopy(String requestId, Map<String, Object> data) {
		Map<String, Object> body = envelope(requestId, data);
		data.forEach(body::putIfAbsent);
		return json(body);
	}

	/** The envelope: {@code data} and no lease. */
	public static Map<String, Object> envelope(String requestId, Map<String, Object> data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("request_id", requestId);
		body.put("lease_id", "");
		body.put("renewable", false);
		body.put("lease_duration", 0);
		body.put("data", data);
		body.put("wrap_info", null);
		body.put("warnings", null);
		body.put("auth", null);
		body.put("mount_type", "system");
		return body;
	}

	public static ResponseEntity<Object> json(Object body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	public static ResponseEntity<Object> noContent() {
		return ResponseEntity.status(HttpStatus.NO_CONTENT).contentType(MediaType.APPLICATION_JSON).build();
	}

	public static ResponseEntity<Object> accepted() {
		return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).build();
	}

	/** A time as Vault's JSON writes it (RFC 3339 with fractions), or null. */
	public static String time(Instant instant) {
		return (instant != null) ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC))
				: null;
	}

}
