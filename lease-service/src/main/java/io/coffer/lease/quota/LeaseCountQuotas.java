package io.coffer.lease.quota;

import java.util.List;
import java.util.Optional;

import io.coffer.support.error.VaultErrorException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lease-count quotas, enforced when a lease is registered: the most specific quota
 * matching the lease (longest path, then a role-specific one) counts it, and a full quota
 * refuses it with Vault's 429. The count is one row per quota updated in the
 * registration's transaction ({@code lease_count < max_leases}), so concurrent
 * registrations on any number of instances never pass the maximum; deleted leases give
 * their place back through a trigger (V1 migration). Creating or changing a quota counts
 * the leases it already covers, as Vault does.
 */
@Service
public class LeaseCountQuotas {

	private static final String BEST_MATCH = """
			SELECT q.name FROM lease_count_quotas q
			WHERE starts_with(%s, q.path) AND (q.role = '' OR q.role = %s)
			ORDER BY char_length(q.path) DESC, (q.role <> '') DESC, q.name LIMIT 1""";

	private final JdbcClient jdbc;

	private final Counter violations;

	public LeaseCountQuotas(JdbcClient jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.violations = Counter.builder("vault.quota.lease_count.violation")
			.description("Leases refused by a lease-count quota")
			.register(registry);
	}

	/**
	 * Counts a new lease against its quota, in the caller's transaction.
	 * @param leaseId the lease's id (its request path and suffix)
	 * @param role the lease's role, or empty
	 * @return the quota it counts against, or null when none applies
	 * @throws VaultErrorException 429 when that quota is full
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public String admit(String leaseId, String role) {
		Optional<String> quota = this.jdbc.sql(BEST_MATCH.formatted(":id", ":role"))
			.param("id", leaseId)
			.param("role", role)
			.query(String.class)
			.optional();
		if (quota.isEmpty()) {
			return null;
		}
		int counted = this.jdbc.sql(
				"UPDATE lease_count_quotas SET lease_count = lease_count + 1 WHERE name = :name AND lease_count < max_leases")
			.param("name", quota.get())
			.update();
		if (counted == 0) {
			this.violations.increment();
			String path = leaseId.substring(0, Math.max(leaseId.lastIndexOf('/'), 0));
			throw new VaultErrorException(429,
					"1 error occurred:\n\t* request path \"" + path + "\": lease count quota exceeded\n\n");
		}
		return quota.get();
	}

	/** Creates or replaces a quota and counts the leases it covers. */
	@Transactional
	public void save(LeaseCountQuota quota) {
		lockQuotas();
		this.jdbc
			.sql("""
					INSERT INTO lease_count_quotas (name, path, role, max_leases, inheritable) VALUES (:name, :path, :role, :max, :inheritable)
					ON CONFLICT (name) DO UPDATE SET path = :path, role = :role, max_leases = :max, inheritable = :inheritable""")
			.param("name", quota.name())
			.param("path", quota.path())
			.param("role", quota.role())
			.param("max", quota.maxLeases())
			.param("inheritable", quota.inheritable())
			.update();
		recount(quota.name(), quota.path());
	}

	/** Deletes a quota; its leases count against the next best quota, if any. */
	@Transactional
	public boolean delete(String name) {
		lockQuotas();
		boolean deleted = this.jdbc.sql("DELETE FROM lease_count_quotas WHERE name = :name")
			.param("name", name)
			.update() == 1;
		if (deleted) {
			recount(name, null);
		}
		return deleted;
	}

	@Transactional(readOnly = true)
	public Optional<LeaseCountQuota> find(String name) {
		return this.jdbc.sql(
				"SELECT name, path, role, max_leases, inheritable, lease_count FROM lease_count_quotas WHERE name = :name")
			.param("name", name)
			.query((rs, row) -> new LeaseCountQuota(rs.getString("name"), rs.getString("path"), rs.getString("role"),
					rs.getLong("max_leases"), rs.getBoolean("inheritable"), rs.getLong("lease_count")))
			.optional();
	}

	@Transactional(readOnly = true)
	public List<String> names() {
		return this.jdbc.sql("SELECT name FROM lease_count_quotas ORDER BY name").query(String.class).list();
	}

	/** Every quota with its count (for metrics; quotas are few). */
	@Transactional(readOnly = true)
	public List<LeaseCountQuota> all() {
		return this.jdbc
			.sql("SELECT name, path, role, max_leases, inheritable, lease_count FROM lease_count_quotas ORDER BY name")
			.query((rs, row) -> new LeaseCountQuota(rs.getString("name"), rs.getString("path"), rs.getString("role"),
					rs.getLong("max_leases"), rs.getBoolean("inheritable"), rs.getLong("lease_count")))
			.list();
	}

	// Registrations wait while the leases are re-attributed, so no count goes astray.
	private void lockQuotas() {
		this.jdbc.sql("LOCK TABLE lease_count_quotas IN EXCLUSIVE MODE").update();
	}

	/**
	 * Re-attributes the leases under {@code path} and those counted against {@code name}
	 * to their best quota now, then recounts every quota.
	 */
	private void recount(String name, String path) {
		String best = "(" + BEST_MATCH.formatted("l.lease_id", "l.role") + ")";
		if (path != null) {
			this.jdbc.sql("UPDATE leases l SET quota_name = " + best
					+ " WHERE l.lease_id ~>=~ :prefix AND l.lease_id ~<~ :upper AND starts_with(l.lease_id, :prefix)")
				.param("prefix", path)
				.param("upper", path + new String(Character.toChars(Character.MAX_CODE_POINT)))
				.update();
		}
		this.jdbc.sql("UPDATE leases l SET quota_name = " + best + " WHERE l.quota_name = :name")
			.param("name", name)
			.update();
		this.jdbc
			.sql("""
					UPDATE lease_count_quotas q SET lease_count = (SELECT count(*) FROM leases l WHERE l.quota_name = q.name)""")
			.update();
	}

}
