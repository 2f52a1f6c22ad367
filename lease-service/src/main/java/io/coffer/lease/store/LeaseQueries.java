package io.coffer.lease.store;

import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads over many leases and single-row updates, all in SQL: listings by prefix, counts,
 * irrevocable leases, renewals. Each answer is bounded by the request (a page, a count),
 * never by the number of leases held.
 */
@Repository
public class LeaseQueries {

	private final JdbcClient jdbc;

	public LeaseQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One level under {@code prefix}, as a directory listing: the next path segment with
	 * a trailing {@code /}, or the last part of a lease id; sorted, distinct.
	 */
	public List<String> listLevel(String prefix) {
		return this.jdbc.sql("""
				SELECT DISTINCT CASE WHEN strpos(rest, '/') > 0 THEN left(rest, strpos(rest, '/')) ELSE rest END AS key
				FROM (SELECT substr(lease_id, char_length(:prefix) + 1) AS rest FROM leases WHERE %s) below
				ORDER BY key""".formatted(Prefixes.CONDITION))
			.param("prefix", prefix)
			.param("upper", Prefixes.upper(prefix))
			.query(String.class)
			.list();
	}

	/** Every lease held, whatever its state. */
	public long countAll() {
		return this.jdbc.sql("SELECT count(*) FROM leases").query(Long.class).single();
	}

	/** Leases in one state. */
	public long count(LeaseState state) {
		return this.jdbc.sql("SELECT count(*) FROM leases WHERE state = :state")
			.param("state", state.column())
			.query(Long.class)
			.single();
	}

	/** Leases under a prefix that are not yet revoked, by state. */
	public long countUnder(String prefix, LeaseState state) {
		return this.jdbc.sql("SELECT count(*) FROM leases WHERE %s AND state = :state".formatted(Prefixes.CONDITION))
			.param("prefix", prefix)
			.param("upper", Prefixes.upper(prefix))
			.param("state", state.column())
			.query(Long.class)
			.single();
	}

	/**
	 * The error the node gave last for the first lease under a prefix it refused, if any.
	 */
	public Optional<String> firstErrorUnder(String prefix) {
		return this.jdbc
			.sql("SELECT last_error FROM leases WHERE %s AND last_error IS NOT NULL ORDER BY lease_id LIMIT 1"
				.formatted(Prefixes.CONDITION))
			.param("prefix", prefix)
			.param("upper", Prefixes.upper(prefix))
			.query(String.class)
			.optional();
	}

	/**
	 * Leases per mount accessor, in one state or (null) all; aggregated by the database.
	 */
	public Map<String, Long> countByMount(LeaseState state) {
		String where = (state != null) ? " WHERE state = :state" : "";
		Map<String, Long> counts = new TreeMap<>();
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("SELECT mount_accessor, count(*) AS n FROM leases" + where + " GROUP BY mount_accessor");
		if (state != null) {
			statement = statement.param("state", state.column());
		}
		statement.query((rs, row) -> counts.put(rs.getString("mount_accessor"), rs.getLong("n"))).list();
		return counts;
	}

	/** A page of irrevocable leases in lease id order, after {@code after}. */
	public List<IrrevocableLease> irrevocable(String after, int limit) {
		return this.jdbc.sql("""
				SELECT lease_id, mount_accessor, last_error, irrevocable_time FROM leases
				WHERE state = 'irrevocable' AND lease_id ~>~ :after ORDER BY lease_id USING ~<~ LIMIT :limit""")
			.param("after", after)
			.param("limit", limit)
			.query((rs, row) -> new IrrevocableLease(rs.getString("lease_id"), rs.getString("mount_accessor"),
					rs.getString("last_error"),
					rs.getObject("irrevocable_time", java.time.OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Stores a renewal of an active lease.
	 * @return false when the lease is no longer active (revoked meanwhile)
	 */
	public boolean renewed(String leaseId, Instant expireTime, Instant now, boolean renewable) {
		return this.jdbc.sql("""
				UPDATE leases SET expire_time = :expire, last_renewal = :now, renewable = :renewable
				WHERE lease_id = :id AND state = 'active'""")
			.param("expire", LeaseQueue.ts(expireTime), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("now", LeaseQueue.ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("renewable", renewable)
			.param("id", leaseId)
			.update() == 1;
	}

	/**
	 * Deletes up to {@code limit} irrevocable leases that became irrevocable before
	 * {@code cutoff} (Vault's {@code remove_irrevocable_lease_after}); answers how many.
	 */
	public int removeIrrevocableBefore(Instant cutoff, int limit) {
		return this.jdbc.sql("""
				DELETE FROM leases WHERE lease_id IN (SELECT lease_id FROM leases
				    WHERE state = 'irrevocable' AND irrevocable_time < :cutoff LIMIT :limit)""")
			.param("cutoff", LeaseQueue.ts(cutoff), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("limit", limit)
			.update();
	}

	/**
	 * An irrevocable lease as listed.
	 *
	 * @param leaseId the lease id
	 * @param mountAccessor its mount's accessor
	 * @param error the last error the node gave
	 * @param since when it became irrevocable
	 */
	public record IrrevocableLease(String leaseId, String mountAccessor, String error, Instant since) {
	}

}
