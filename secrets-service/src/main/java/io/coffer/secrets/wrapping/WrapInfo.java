package io.coffer.secrets.wrapping;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client gets instead of a wrapped response (vault-api.md §11).
 *
 * @param token the wrapping token, shown once
 * @param accessor its accessor
 * @param ttl seconds the token lives
 * @param creationTime when it was made
 * @param creationPath the path whose response it holds
 * @param wrappedAccessor the accessor of a token inside the wrapped response, or empty
 */
public record WrapInfo(String token, String accessor, long ttl, Instant creationTime, String creationPath,
		String wrappedAccessor) {

	/** Vault's {@code wrap_info} object; {@code wrapped_accessor} only when set. */
	public Map<String, Object> toMap() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("token", this.token);
		out.put("accessor", this.accessor);
		out.put("ttl", this.ttl);
		out.put("creation_time", this.creationTime.toString());
		out.put("creation_path", this.creationPath);
		if (!this.wrappedAccessor.isEmpty()) {
			out.put("wrapped_accessor", this.wrappedAccessor);
		}
		return out;
	}

	@Override
	public String toString() {
		return "WrapInfo[token=<redacted>, accessor=" + this.accessor + ", ttl=" + this.ttl + ", creationPath="
				+ this.creationPath + "]";
	}

}
