package io.coffer.secrets.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.common.VaultErrorBody;
import io.coffer.secrets.engine.LogicalResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Renders Vault's response envelope (vault-api.md §0): 204 when there is nothing to say,
 * else 200 and JSON.
 */
public final class ResponseWriter {

	private ResponseWriter() {
	}

	public static ResponseEntity<Object> render(LogicalResponse response, String requestId, String mountType) {
		if (response.isEmpty() && response.status() == 0) {
			return ResponseEntity.status(HttpStatus.NO_CONTENT).contentType(MediaType.APPLICATION_JSON).build();
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("request_id", requestId);
		LogicalResponse.Lease lease = response.lease();
		body.put("lease_id", (lease != null) ? lease.leaseId() : "");
		body.put("renewable", lease != null && lease.renewable());
		body.put("lease_duration", (lease != null) ? lease.durationSeconds() : 0);
		body.put("data", response.data());
		body.put("wrap_info", null);
		body.put("warnings", response.warnings().isEmpty() ? null : response.warnings());
		body.put("auth", response.auth());
		body.put("mount_type", (mountType != null) ? mountType : "");
		if (response.topLevelCopy() && response.data() != null) {
			response.data().forEach(body::putIfAbsent);
		}
		int status = (response.status() != 0) ? response.status() : HttpStatus.OK.value();
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	public static ResponseEntity<Object> error(int status, java.util.List<String> errors) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new VaultErrorBody(errors));
	}

}
