package io.coffer.lease.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * One lease as the database keeps it (table {@code leases}, V1 migration). Registration
 * creates it, lookups read it; everything that changes many leases at once goes through
 * {@link LeaseQueue} and {@link LeaseQueries} in SQL, never by loading entities.
 */
@Entity
@Table(name = "leases")
public class Lease implements Persistable<String> {

	@Id
	@Column(name = "lease_id")
	private String leaseId;

	@Column(name = "mount_path", nullable = false)
	private String mountPath;

	@Column(name = "mount_accessor", nullable = false)
	private String mountAccessor;

	@Column(nullable = false)
	private String role;

	@Column(name = "token_accessor", nullable = false)
	private String tokenAccessor;

	@Column(name = "issue_time", nullable = false)
	private Instant issueTime;

	@Column(name = "expire_time", nullable = false)
	private Instant expireTime;

	@Column(name = "last_renewal")
	private Instant lastRenewal;

	@Column(name = "max_expire_time")
	private Instant maxExpireTime;

	@Column(nullable = false)
	private boolean renewable;

	@Column(name = "revocation_data", nullable = false)
	private String revocationData;

	@Column(nullable = false)
	private String state;

	@Column(nullable = false)
	private int attempts;

	@Column(name = "last_error")
	private String lastError;

	@Column(name = "quota_name")
	private String quotaName;

	// ids are assigned, so Spring Data cannot tell a new lease from its id: insert
	// without a select first
	@Transient
	private boolean fresh;

	protected Lease() {
	}

	/** A new active lease. */
	public Lease(String leaseId, Mount mount, Times times, boolean renewable, String revocationData) {
		this.leaseId = leaseId;
		this.mountPath = mount.path();
		this.mountAccessor = mount.accessor();
		this.role = mount.role();
		this.tokenAccessor = mount.tokenAccessor();
		this.issueTime = times.issue();
		this.expireTime = times.expire();
		this.maxExpireTime = times.maxExpire();
		this.renewable = renewable;
		this.revocationData = revocationData;
		this.state = LeaseState.ACTIVE.column();
		this.fresh = true;
	}

	@Override
	public String getId() {
		return this.leaseId;
	}

	@Override
	public boolean isNew() {
		return this.fresh;
	}

	@PostLoad
	@PostPersist
	void stored() {
		this.fresh = false;
	}

	public String leaseId() {
		return this.leaseId;
	}

	public String mountPath() {
		return this.mountPath;
	}

	public String mountAccessor() {
		return this.mountAccessor;
	}

	public String role() {
		return this.role;
	}

	public Instant issueTime() {
		return this.issueTime;
	}

	public Instant expireTime() {
		return this.expireTime;
	}

	public Instant lastRenewal() {
		return this.lastRenewal;
	}

	public Instant maxExpireTime() {
		return this.maxExpireTime;
	}

	public boolean renewable() {
		return this.renewable;
	}

	public String revocationData() {
		return this.revocationData;
	}

	public LeaseState state() {
		return LeaseState.of(this.state);
	}

	public int attempts() {
		return this.attempts;
	}

	public String lastError() {
		return this.lastError;
	}

	public void countAgainst(String quota) {
		this.quotaName = quota;
	}

	@Override
	public String toString() {
		return "Lease[" + this.leaseId + ", " + this.state + "]";
	}

	/**
	 * Where a lease comes from.
	 *
	 * @param path the mount's path ({@code database/})
	 * @param accessor the mount's accessor
	 * @param role the role, or empty
	 * @param tokenAccessor the creating token's accessor, or empty
	 */
	public record Mount(String path, String accessor, String role, String tokenAccessor) {
	}

	/**
	 * A lease's times.
	 *
	 * @param issue when it was issued
	 * @param expire when it expires
	 * @param maxExpire the latest it may ever expire, or null for no limit
	 */
	public record Times(Instant issue, Instant expire, Instant maxExpire) {
	}

}
