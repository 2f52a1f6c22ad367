package io.coffer.audit.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Vault's response envelope for the {@code sys/} paths audit-service answers. */
final class VaultResponses {

	private VaultResponses() {
	}

	/** 200 with {@code data}. */
	static ResponseEntity<Object> data(String requestId, Map<String, Object> data) {
		return json(envelope(requestId, data));
	}

	/**
	 * 200 with {@code data}, each key also copied to the top level (legacy sys paths).
	 */
	static ResponseEntity<Object> dataWithTopLevelCopy(String requestId, Map<String, Object> data) {
		Map<String, Object> body = envelope(requestId, data);
		data.forEach(body::putIfAbsent);
		return json(body);
	}

	/** The envelope: {@code data} and no lease. */
	static Map<String, Object> envelope(String requestId, Map<String, Object> data) {
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

	static ResponseEntity<Object> json(Object body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	static ResponseEntity<Object> noContent() {
		return ResponseEntity.status(HttpStatus.NO_CONTENT).contentType(MediaType.APPLICATION_JSON).build();
	}

}
