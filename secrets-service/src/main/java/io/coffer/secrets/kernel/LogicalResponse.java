package io.coffer.secrets.kernel;

import java.util.List;
import java.util.Map;

/**
 * What an engine answers. The http package renders it into Vault's envelope: 204 with no
 * body when there is nothing to say, else 200 (or {@code status} when set, e.g. KV v2's
 * 404 that still carries the version's metadata).
 *
 * @param status the HTTP status to force, or 0 for Vault's default (200 or 204)
 * @param data the {@code data} object, or null
 * @param warnings warnings to return (a write with warnings answers 200)
 * @param lease lease fields for the envelope, or null
 * @param auth the {@code auth} block, or null
 * @param topLevelCopy also copy each {@code data} key to the top level (Vault does so for
 * some sys paths)
 * @param secret a secret that needs a lease (dynamic secrets), or null: the pipeline
 * registers the lease and sets {@code lease} before the client sees the response
 * @param body a body sent as it is instead of the envelope (a snapshot), or null
 */
public record LogicalResponse(int status, Map<String, Object> data, List<String> warnings, Lease lease,
		Map<String, Object> auth, boolean topLevelCopy, LeasedSecret secret, BinaryBody body) {

	public static LogicalResponse empty() {
		return new LogicalResponse(0, null, List.of(), null, null, false, null, null);
	}

	public static LogicalResponse data(Map<String, Object> data) {
		return new LogicalResponse(0, data, List.of(), null, null, false, null, null);
	}

	/** A response whose body is sent as it is (200, its own content type). */
	public static LogicalResponse binary(BinaryBody body) {
		return new LogicalResponse(0, null, List.of(), null, null, false, null, body);
	}

	public LogicalResponse withStatus(int status) {
		return new LogicalResponse(status, this.data, this.warnings, this.lease, this.auth, this.topLevelCopy,
				this.secret, this.body);
	}

	public LogicalResponse withWarnings(List<String> warnings) {
		return new LogicalResponse(this.status, this.data, List.copyOf(warnings), this.lease, this.auth,
				this.topLevelCopy, this.secret, this.body);
	}

	public LogicalResponse withLease(Lease lease) {
		return new LogicalResponse(this.status, this.data, this.warnings, lease, this.auth, this.topLevelCopy,
				this.secret, this.body);
	}

	public LogicalResponse withAuth(Map<String, Object> auth) {
		return new LogicalResponse(this.status, this.data, this.warnings, this.lease, auth, this.topLevelCopy,
				this.secret, this.body);
	}

	public LogicalResponse withTopLevelCopy() {
		return new LogicalResponse(this.status, this.data, this.warnings, this.lease, this.auth, true, this.secret,
				this.body);
	}

	/**
	 * The response with a secret that needs a lease: the pipeline registers it and fills
	 * in {@code lease}.
	 */
	public LogicalResponse withSecret(LeasedSecret secret) {
		return new LogicalResponse(this.status, this.data, this.warnings, this.lease, this.auth, this.topLevelCopy,
				secret, this.body);
	}

	/** True when the response has nothing to render: Vault answers 204. */
	public boolean isEmpty() {
		return this.data == null && this.warnings.isEmpty() && this.lease == null && this.auth == null
				&& this.body == null;
	}

	/**
	 * Lease fields of the envelope.
	 *
	 * @param leaseId the lease id, empty for a non-leased secret (e.g. KV v1 with its TTL
	 * hint)
	 * @param durationSeconds {@code lease_duration}
	 * @param renewable {@code renewable}
	 */
	public record Lease(String leaseId, long durationSeconds, boolean renewable) {
	}

}
