package io.coffer.secrets.audit;

import java.util.List;
import java.util.Map;

/**
 * The parts of the response a client received that Vault's response entry records,
 * unhashed.
 *
 * @param data the {@code data} object, or null
 * @param warnings the warnings, possibly empty
 * @param leaseId the lease id, or empty
 * @param auth the {@code auth} block (a login or a token creation), or null
 * @param wrapInfo the {@code wrap_info} of a wrapped response, or null
 */
public record AuditedResponse(Map<String, Object> data, List<String> warnings, String leaseId, Map<String, Object> auth,
		Map<String, Object> wrapInfo) {

	public AuditedResponse {
		warnings = (warnings != null) ? List.copyOf(warnings) : List.of();
		leaseId = (leaseId != null) ? leaseId : "";
	}

	/** Nothing (Vault's 204). */
	public static AuditedResponse none() {
		return new AuditedResponse(null, List.of(), "", null, null);
	}

	/**
	 * The parts of a Vault envelope ({@code request_id, lease_id, data, wrap_info,
	 * warnings, auth, …}); an envelope that is not a JSON object records nothing.
	 */
	@SuppressWarnings("unchecked")
	public static AuditedResponse ofEnvelope(Object body) {
		if (!(body instanceof Map<?, ?> envelope)) {
			return none();
		}
		Object data = envelope.get("data");
		Object warnings = envelope.get("warnings");
		Object leaseId = envelope.get("lease_id");
		Object auth = envelope.get("auth");
		Object wrapInfo = envelope.get("wrap_info");
		return new AuditedResponse((data instanceof Map<?, ?> map) ? (Map<String, Object>) map : null,
				(warnings instanceof List<?> list) ? list.stream().map(String::valueOf).toList() : List.of(),
				(leaseId instanceof String id) ? id : "",
				(auth instanceof Map<?, ?> map) ? (Map<String, Object>) map : null,
				(wrapInfo instanceof Map<?, ?> map) ? (Map<String, Object>) map : null);
	}

	@Override
	public String toString() {
		return "AuditedResponse[wrapped=" + (this.wrapInfo != null) + "]";
	}

}
