package io.coffer.lease.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The revoke-prefix jobs. An instance works on a job only while it holds it
 * ({@code owner_until}, taken with {@code FOR UPDATE SKIP LOCKED}); a job whose holder
 * died is taken by another instance after that time and goes on from its cursor.
 */
@Repository
public class PrefixJobStore {

	private static final String COLUMNS = "job_id, prefix, state, cursor, queued, marking_done, remaining, irrevocable, "
			+ "created_time, updated_time, finished_time";

	private final JdbcClient jdbc;

	public PrefixJobStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void create(String jobId, String prefix, Instant now) {
		this.jdbc.sql("""
				INSERT INTO revoke_prefix_jobs (job_id, prefix, state, created_time, updated_time)
				VALUES (:id, :prefix, 'running', :now, :now)""")
			.param("id", jobId)
			.param("prefix", prefix)
			.param("now", LeaseQueue.ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	/**
	 * Takes the oldest running job nobody holds, for {@code owner} until {@code until}.
	 */
	public Optional<PrefixJob> take(String owner, Instant now, Instant until) {
		return this.jdbc
			.sql("""
					UPDATE revoke_prefix_jobs j SET owner_until = :until, owner = :owner
					FROM (SELECT job_id FROM revoke_prefix_jobs WHERE state = 'running' AND (owner_until IS NULL OR owner_until < :now)
					      ORDER BY created_time LIMIT 1 FOR UPDATE SKIP LOCKED) free
					WHERE j.job_id = free.job_id RETURNING j.*""")
			.param("until", LeaseQueue.ts(until), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("owner", owner)
			.param("now", LeaseQueue.ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.query(PrefixJobStore::job)
			.optional();
	}

	/**
	 * Lets go of the running jobs {@code owner} held in a previous life; answers how
	 * many.
	 */
	public int releaseOwnedBy(String owner) {
		return this.jdbc
			.sql("UPDATE revoke_prefix_jobs SET owner_until = NULL WHERE state = 'running' AND owner = :owner")
			.param("owner", owner)
			.update();
	}

	/** Records a step of queueing; the job stays held. */
	public void queued(String jobId, String cursor, long queued, boolean done, Instant now) {
		this.jdbc.sql("""
				UPDATE revoke_prefix_jobs SET cursor = :cursor, queued = queued + :queued, marking_done = :done,
				       updated_time = :now WHERE job_id = :id""")
			.param("cursor", cursor)
			.param("queued", queued)
			.param("done", done)
			.param("now", LeaseQueue.ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", jobId)
			.update();
	}

	/**
	 * Records what is left and lets the job go; {@code state} ends it when not
	 * {@code running}.
	 */
	public void checked(String jobId, Progress progress, Instant now) {
		this.jdbc.sql("""
				UPDATE revoke_prefix_jobs SET remaining = :remaining, irrevocable = :irrevocable, state = :state,
				       updated_time = :now, finished_time = CASE WHEN :state = 'running' THEN NULL ELSE :now END,
				       owner_until = NULL
				WHERE job_id = :id""")
			.param("remaining", progress.remaining())
			.param("irrevocable", progress.irrevocable())
			.param("state", progress.state())
			.param("now", LeaseQueue.ts(now), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("id", jobId)
			.update();
	}

	public Optional<PrefixJob> find(String jobId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM revoke_prefix_jobs WHERE job_id = :id")
			.param("id", jobId)
			.query(PrefixJobStore::job)
			.optional();
	}

	/** The latest jobs, newest first. */
	public List<PrefixJob> latest(int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM revoke_prefix_jobs ORDER BY created_time DESC LIMIT :limit")
			.param("limit", limit)
			.query(PrefixJobStore::job)
			.list();
	}

	private static PrefixJob job(ResultSet rs, int row) throws SQLException {
		return new PrefixJob(rs.getString("job_id"), rs.getString("prefix"), rs.getString("state"),
				rs.getString("cursor"), rs.getLong("queued"), rs.getBoolean("marking_done"), rs.getLong("remaining"),
				rs.getLong("irrevocable"), instant(rs, "created_time"), instant(rs, "updated_time"),
				instant(rs, "finished_time"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	/**
	 * A job's check.
	 *
	 * @param remaining leases under the prefix still queued
	 * @param irrevocable leases under the prefix irrevocable
	 * @param state the job's state after the check
	 */
	public record Progress(long remaining, long irrevocable, String state) {
	}

}
