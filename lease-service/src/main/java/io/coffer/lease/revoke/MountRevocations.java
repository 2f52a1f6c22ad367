package io.coffer.lease.revoke;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.coffer.common.lease.MountLeasesRevocation;
import io.coffer.lease.store.LeaseQueries;
import io.coffer.lease.store.LeaseState;
import io.coffer.lease.store.PrefixJob;
import io.coffer.support.error.VaultErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Revokes every lease of a mount the node is about to disable, as Vault revokes a mount's
 * leases before it unmounts: a revoke-prefix job on the mount's path (every lease id of
 * the mount starts with it), so the revocations are shared by the instances and survive a
 * restart, waited for up to {@code coffer.lease.revoke-mount-timeout}. The node still has
 * the mount while it waits, so each lease goes through its engine as usual. Any lease
 * left (irrevocable, refused and waiting for its next attempt, or registered meanwhile)
 * makes it fail with {@code 400 failed to revoke N leases of <path>: <first error>}; the
 * node then keeps the mount.
 */
@Component
public class MountRevocations {

	private static final Logger log = LoggerFactory.getLogger(MountRevocations.class);

	private final PrefixRevocations prefixes;

	private final LeaseQueries queries;

	private final Clock clock;

	private final Duration timeout;

	public MountRevocations(PrefixRevocations prefixes, LeaseQueries queries, Clock clock,
			@Value("${coffer.lease.revoke-mount-timeout:45s}") Duration timeout) {
		this.prefixes = prefixes;
		this.queries = queries;
		this.clock = clock;
		this.timeout = timeout;
	}

	/**
	 * Revokes the mount's leases and waits until none is left.
	 * @throws VaultErrorException 400 when some are left at the end or past the timeout
	 */
	public void revoke(MountLeasesRevocation revocation) throws InterruptedException {
		String path = checked(revocation);
		if (left(path) == 0) {
			// a mount without leases (most): no job, no wait for a worker's round
			return;
		}
		Instant deadline = this.clock.instant().plus(this.timeout);
		log.info("revoking the leases of mount {} ({}) before it is disabled", path, revocation.mountAccessor());
		while (true) {
			String jobId = this.prefixes.start(path);
			Optional<PrefixJob> ended = this.prefixes.await(jobId, deadline);
			long left = left(path);
			if (left == 0) {
				log.info("every lease of mount {} revoked", path);
				return;
			}
			// a job that ended "done" with leases left: they were registered meanwhile
			if (ended.isEmpty() || !"done".equals(ended.get().state()) || !this.clock.instant().isBefore(deadline)) {
				String error = this.queries.firstErrorUnder(path)
					.orElse((ended.isEmpty()) ? "timed out after " + this.timeout.toSeconds() + "s" : "leases remain");
				log.warn("the leases of mount {} were not all revoked: {} left", path, left);
				throw new VaultErrorException(400, "failed to revoke " + left + " leases of " + path + ": " + error);
			}
		}
	}

	private long left(String path) {
		long left = 0;
		for (LeaseState state : LeaseState.values()) {
			left += this.queries.countUnder(path, state);
		}
		return left;
	}

	private static String checked(MountLeasesRevocation revocation) {
		String path = revocation.mountPath();
		if (revocation.mountAccessor() == null || revocation.mountAccessor().isBlank()) {
			throw new VaultErrorException(400, "missing mount accessor");
		}
		if (path == null || path.isBlank() || !path.endsWith("/") || path.startsWith("/")) {
			throw new VaultErrorException(400, "invalid mount path");
		}
		return path;
	}

}
