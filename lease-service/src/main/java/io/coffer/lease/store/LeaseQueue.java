package io.coffer.lease.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The revocation queue in the {@code leases} table. A lease to revoke is in state
 * {@code revoking} with the time a worker may take it ({@code next_attempt_time}). An
 * instance claims due leases with {@code FOR UPDATE SKIP LOCKED} and commits at once: the
 * claim moves the lease's next attempt to the claim's deadline and stamps a claim token,
 * so no other instance takes it meanwhile, and the outcome (complete, fail, release)
 * applies only while the token is still there. No transaction is held across the call to
 * the node.
 */
@Repository
public class LeaseQueue {

	private static final String RETURNING = " RETURNING l.lease_id, l.mount_accessor, l.revocation_data, l.attempts";

	private final JdbcClient jdbc;

	public LeaseQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims up to {@code limit} due leases: queued ones whose time has come first, then
	 * active ones past their expire time.
	 */
	public List<ClaimedLease> claimDue(int limit, Instant now, Instant claimUntil, String token) {
		List<ClaimedLease> queued = this.jdbc.sql("""
				UPDATE leases l SET next_attempt_time = :until, claim_token = :token
				FROM (SELECT lease_id FROM leases WHERE state = 'revoking' AND next_attempt_time <= :now
				      ORDER BY next_attempt_time LIMIT :limit FOR UPDATE SKIP LOCKED) due
				WHERE l.lease_id = due.lease_id""" + RETURNING)
			.param("until", ts(claimUntil), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("token", token)
			.param("now", ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("limit", limit)
			.query((rs, row) -> claimed(rs, token))
			.list();
		if (queued.size() >= limit) {
			return queued;
		}
		List<ClaimedLease> expired = this.jdbc.sql("""
				UPDATE leases l SET state = 'revoking', next_attempt_time = :until, claim_token = :token
				FROM (SELECT lease_id FROM leases WHERE state = 'active' AND expire_time <= :now
				      ORDER BY expire_time LIMIT :limit FOR UPDATE SKIP LOCKED) due
				WHERE l.lease_id = due.lease_id""" + RETURNING)
			.param("until", ts(claimUntil), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("token", token)
			.param("now", ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("limit", limit - queued.size())
			.query((rs, row) -> claimed(rs, token))
			.list();
		if (queued.isEmpty()) {
			return expired;
		}
		return java.util.stream.Stream.concat(queued.stream(), expired.stream()).toList();
	}

	/**
	 * Claims one lease for an immediate revocation: an active or irrevocable one, or a
	 * queued one nobody holds. Empty when it does not exist or another instance holds it.
	 */
	public Optional<ClaimedLease> claimOne(String leaseId, Instant now, Instant claimUntil, String token) {
		return this.jdbc
			.sql("""
					UPDATE leases l SET state = 'revoking', next_attempt_time = :until, claim_token = :token
					WHERE l.lease_id = :id AND (l.state IN ('active', 'irrevocable')
					      OR (l.state = 'revoking' AND (l.claim_token IS NULL OR l.next_attempt_time <= :now)))"""
					+ RETURNING)
			.param("until", ts(claimUntil), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("token", token)
			.param("id", leaseId)
			.param("now", ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs, row) -> claimed(rs, token))
			.optional();
	}

	/** The lease is revoked: it is deleted, if the claim is still this one's. */
	public boolean complete(ClaimedLease lease) {
		return this.jdbc.sql("DELETE FROM leases WHERE lease_id = :id AND claim_token = :token")
			.param("id", lease.leaseId())
			.param("token", lease.claimToken())
			.update() == 1;
	}

	/**
	 * The leases are revoked: deleted in one statement per claim, those whose claim is
	 * still this one's; answers how many.
	 */
	public int completeAll(List<ClaimedLease> leases) {
		int deleted = 0;
		Map<String, List<String>> byClaim = new LinkedHashMap<>();
		leases.forEach((lease) -> byClaim.computeIfAbsent(lease.claimToken(), (token) -> new ArrayList<>())
			.add(lease.leaseId()));
		for (Map.Entry<String, List<String>> claim : byClaim.entrySet()) {
			deleted += this.jdbc.sql("DELETE FROM leases WHERE claim_token = :token AND lease_id IN (:ids)")
				.param("token", claim.getKey())
				.param("ids", claim.getValue())
				.update();
		}
		return deleted;
	}

	/**
	 * The node refused to revoke it: one more failed attempt, the error kept; after
	 * {@code maxAttempts} the lease becomes irrevocable, else it waits until
	 * {@code nextAttempt}.
	 * @return whether it became irrevocable
	 */
	public boolean fail(ClaimedLease lease, Failure failure) {
		boolean last = lease.attempts() + 1 >= failure.maxAttempts();
		this.jdbc.sql("""
				UPDATE leases SET attempts = attempts + 1, last_error = :error, claim_token = NULL,
				       state = :state, next_attempt_time = :next, irrevocable_time = :irrevocable
				WHERE lease_id = :id AND claim_token = :token""")
			.param("error", trimmed(failure.error()))
			.param("state", last ? LeaseState.IRREVOCABLE.column() : LeaseState.REVOKING.column())
			.param("next", last ? null : ts(failure.nextAttempt()), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("irrevocable", last ? ts(failure.now()) : null, Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", lease.leaseId())
			.param("token", lease.claimToken())
			.update();
		return last;
	}

	/**
	 * No node could be asked: the lease goes back to the queue until {@code nextAttempt}
	 * without counting an attempt (an unreachable node is not the engine refusing).
	 */
	public void release(ClaimedLease lease, Instant nextAttempt, String error) {
		this.jdbc.sql("""
				UPDATE leases SET claim_token = NULL, next_attempt_time = :next, last_error = :error
				WHERE lease_id = :id AND claim_token = :token""")
			.param("next", ts(nextAttempt), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("error", trimmed(error))
			.param("id", lease.leaseId())
			.param("token", lease.claimToken())
			.update();
	}

	/**
	 * Puts back in the queue, due now, the leases claimed by a previous life of this
	 * instance (claim tokens starting with {@code owner}); answers how many.
	 */
	public int releaseClaimsOf(String owner, Instant now) {
		return this.jdbc.sql("""
				UPDATE leases SET claim_token = NULL, next_attempt_time = :now
				WHERE state = 'revoking' AND claim_token IS NOT NULL AND starts_with(claim_token, :owner)""")
			.param("now", ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("owner", owner)
			.update();
	}

	/** Queues one active or irrevocable lease for revocation; false when none was. */
	public boolean enqueue(String leaseId, Instant now) {
		return this.jdbc.sql("""
				UPDATE leases SET state = 'revoking', next_attempt_time = :now, attempts = 0, irrevocable_time = NULL
				WHERE lease_id = :id AND state IN ('active', 'irrevocable')""")
			.param("now", ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", leaseId)
			.update() == 1;
	}

	/** Queues every active lease a token created; answers how many. */
	public int enqueueToken(String tokenAccessor, Instant now) {
		return this.jdbc.sql("""
				UPDATE leases SET state = 'revoking', next_attempt_time = :now
				WHERE token_accessor = :accessor AND state = 'active'""")
			.param("now", ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("accessor", tokenAccessor)
			.update();
	}

	/**
	 * Queues the next {@code limit} leases under {@code prefix} after {@code cursor} (in
	 * byte order); active and irrevocable ones are queued, queued ones stay.
	 * @return how many were queued and the last lease id seen (null when none was left)
	 */
	public PrefixBatch enqueuePrefix(String prefix, String cursor, int limit, Instant now) {
		return this.jdbc
			.sql("""
					WITH batch AS (SELECT lease_id FROM leases WHERE %s AND lease_id ~>~ :cursor
					               ORDER BY lease_id USING ~<~ LIMIT :limit),
					     queued AS (UPDATE leases l SET state = 'revoking', next_attempt_time = :now, attempts = 0,
					                       irrevocable_time = NULL
					                FROM batch WHERE l.lease_id = batch.lease_id AND l.state IN ('active', 'irrevocable')
					                RETURNING 1)
					SELECT (SELECT count(*) FROM queued) AS queued,
					       (SELECT lease_id FROM batch ORDER BY lease_id USING ~>~ LIMIT 1) AS last"""
				.formatted(Prefixes.CONDITION))
			.param("prefix", prefix)
			.param("upper", Prefixes.upper(prefix))
			.param("cursor", cursor)
			.param("limit", limit)
			.param("now", ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs, row) -> new PrefixBatch(rs.getLong("queued"), rs.getString("last")))
			.single();
	}

	/**
	 * Deletes up to {@code limit} leases under {@code prefix} whatever their state,
	 * without revoking anything (revoke-force); answers how many.
	 */
	public int forgetPrefix(String prefix, int limit) {
		return this.jdbc
			.sql("""
					DELETE FROM leases WHERE lease_id IN (SELECT lease_id FROM leases WHERE %s
					                                      ORDER BY lease_id USING ~<~ LIMIT :limit)"""
				.formatted(Prefixes.CONDITION))
			.param("prefix", prefix)
			.param("upper", Prefixes.upper(prefix))
			.param("limit", limit)
			.update();
	}

	private static ClaimedLease claimed(ResultSet rs, String token) throws SQLException {
		return new ClaimedLease(rs.getString("lease_id"), rs.getString("mount_accessor"),
				rs.getString("revocation_data"), rs.getInt("attempts"), token);
	}

	// Vault keeps at most 240 characters of a revocation error
	private static String trimmed(String error) {
		return (error != null && error.length() > 240) ? error.substring(0, 240) : error;
	}

	static OffsetDateTime ts(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/**
	 * A failed revocation.
	 *
	 * @param error the node's error text (never a secret)
	 * @param now when it failed
	 * @param nextAttempt when to try again if attempts remain
	 * @param maxAttempts the attempts a lease gets before it becomes irrevocable
	 */
	public record Failure(String error, Instant now, Instant nextAttempt, int maxAttempts) {
	}

	/**
	 * One step of a revoke-prefix job.
	 *
	 * @param queued leases queued in this step
	 * @param last the last lease id of the step, null when nothing was left
	 */
	public record PrefixBatch(long queued, String last) {
	}

}
