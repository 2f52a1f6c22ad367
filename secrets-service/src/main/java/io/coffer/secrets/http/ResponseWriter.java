package io.coffer.secrets.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.common.VaultErrorBody;
import io.coffer.secrets.kernel.BinaryBody;
import io.coffer.secrets.kernel.LogicalResponse;

import org.springframework.core.io.InputStreamResource;
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
		Map<String, Object> body = envelope(response, requestId, mountType);
		if (body == null) {
			return noContent();
		}
		return json(status(response), body);
	}

	/**
	 * The envelope a client receives for {@code response}; null when Vault answers 204
	 * with no body.
	 */
	public static Map<String, Object> envelope(LogicalResponse response, String requestId, String mountType) {
		if (response.isEmpty() && response.status() == 0) {
			return null;
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
		return body;
	}

	/**
	 * A wrapped response: nothing but {@code wrap_info} (and warnings), as Vault sends
	 * it.
	 */
	public static ResponseEntity<Object> wrapped(Map<String, Object> wrapInfo, String requestId, String mountType,
			List<String> warnings) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("request_id", requestId);
		body.put("lease_id", "");
		body.put("renewable", false);
		body.put("lease_duration", 0);
		body.put("data", null);
		body.put("wrap_info", wrapInfo);
		body.put("warnings", warnings.isEmpty() ? null : warnings);
		body.put("auth", null);
		body.put("mount_type", (mountType != null) ? mountType : "");
		return json(HttpStatus.OK.value(), body);
	}

	/** The status Vault gives {@code response} when it has a body. */
	public static int status(LogicalResponse response) {
		return (response.status() != 0) ? response.status() : HttpStatus.OK.value();
	}

	public static ResponseEntity<Object> json(int status, Object body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	/**
	 * 200 with {@code body} streamed as it is (Spring MVC copies the stream to the client
	 * in small buffers and closes it), with its exact {@code Content-Length}.
	 */
	public static ResponseEntity<Object> binary(BinaryBody body) {
		InputStreamResource resource = new InputStreamResource(body.content()) {

			@Override
			public long contentLength() {
				return body.length();
			}

		};
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(body.contentType()))
			.contentLength(body.length())
			.body(resource);
	}

	public static ResponseEntity<Object> noContent() {
		return ResponseEntity.status(HttpStatus.NO_CONTENT).contentType(MediaType.APPLICATION_JSON).build();
	}

	public static ResponseEntity<Object> error(int status, List<String> errors) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new VaultErrorBody(errors));
	}

}
