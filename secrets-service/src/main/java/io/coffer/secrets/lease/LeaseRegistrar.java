package io.coffer.secrets.lease;

import java.security.SecureRandom;
import java.util.List;

import io.coffer.common.lease.LeaseRegistration;
import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.Base62;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Registers the lease of a secret an engine just issued, before the client sees it: the
 * lease id is the request path, {@code /} and 24 base62 characters (Vault's form); the
 * engine's internal data travel sealed ({@link RevocationData}). When lease-service does
 * not register it (down, no URL configured, a full lease-count quota) the secret is
 * revoked at once through its engine and the request fails: never an untracked
 * credential. A quota's refusal reaches the client as lease-service's 429 and messages;
 * anything else as 500 {@code failed to register lease: ...}. A mount being disabled
 * ({@link MountLeases}) registers nothing: its secret is revoked at once (Vault's 404
 * {@code route entry is tainted}).
 */
@Service
public class LeaseRegistrar {

	private static final Logger logger = LoggerFactory.getLogger(LeaseRegistrar.class);

	/** Random characters after the path in a lease id (vault-api.md §7). */
	static final int LEASE_ID_RANDOM_LENGTH = 24;

	private final LeaseServiceClient leaseService;

	private final RevocationData revocationData;

	private final SecureRandom random;

	private final MountLeases mountLeases;

	LeaseRegistrar(LeaseServiceClient leaseService, RevocationData revocationData, SecureRandom random,
			MountLeases mountLeases) {
		this.leaseService = leaseService;
		this.mountLeases = mountLeases;
		this.revocationData = revocationData;
		this.random = random;
	}

	/**
	 * The response with its lease, when it carries a secret
	 * ({@link LogicalResponse#secret()}); any other response unchanged.
	 * @param engine the engine that issued the secret (it revokes it when registration
	 * fails)
	 * @param request the request that issued it
	 * @param tokenAccessor the accessor of the requesting token (its revocation revokes
	 * the lease), empty for none
	 * @param response the engine's response
	 * @throws VaultException 429 (quota) or 500 when the lease was not registered; the
	 * secret is revoked by then
	 */
	public LogicalResponse register(SecretEngine engine, LogicalRequest request, String tokenAccessor,
			LogicalResponse response) {
		return register(engine, request, new LeaseOwner(tokenAccessor, 0), response);
	}

	/**
	 * As {@link #register(SecretEngine, LogicalRequest, String, LogicalResponse)}, with
	 * the lease's TTL and maximum TTL capped at {@link LeaseOwner#maxSeconds()}.
	 */
	public LogicalResponse register(SecretEngine engine, LogicalRequest request, LeaseOwner owner,
			LogicalResponse response) {
		LeasedSecret secret = response.secret();
		if (secret == null) {
			return response;
		}
		String tokenAccessor = owner.tokenAccessor();
		String leaseId = request.fullPath() + "/" + Base62.random(this.random, LEASE_ID_RANDOM_LENGTH);
		LeaseTerms terms = LeaseTerms.of(secret, request.mount()).cappedAt(owner.maxSeconds());
		if (this.mountLeases.tainted(request.mount().accessor())) {
			// the mount is being disabled: its leases are being revoked
			revoke(engine, leaseId, secret);
			throw new VaultException(404,
					"no handler for route \"" + request.fullPath() + "\". route entry is tainted.");
		}
		try {
			LeaseRegistration registration = new LeaseRegistration(leaseId, request.mount().path(),
					request.mount().accessor(), secret.role(), tokenAccessor, terms.ttlSeconds(), terms.maxTtlSeconds(),
					secret.renewable(), this.revocationData.seal(leaseId, secret.internalData()));
			this.leaseService.register(registration, request.requestId());
		}
		catch (LeaseServiceException ex) {
			logger.warn("Lease {} was not registered ({}); revoking its secret", leaseId, ex.getMessage());
			revoke(engine, leaseId, secret);
			throw failure(ex);
		}
		catch (RuntimeException ex) {
			logger.error("Lease {} was not registered ({}); revoking its secret", leaseId, ex.getClass().getName());
			revoke(engine, leaseId, secret);
			throw new VaultException(500, "failed to register lease: internal error");
		}
		return response.withLease(new LogicalResponse.Lease(leaseId, terms.ttlSeconds(), secret.renewable()))
			.withSecret(null);
	}

	private static void revoke(SecretEngine engine, String leaseId, LeasedSecret secret) {
		try {
			engine.revokeSecret(secret.internalData());
		}
		catch (VaultException ex) {
			logger.error("Revoking the secret of unregistered lease {} failed too: {} {}", leaseId, ex.status(),
					ex.errors());
		}
		catch (RuntimeException ex) {
			// Only the type: an unexpected engine error's message is not known to be free
			// of
			// secrets.
			logger.error("Revoking the secret of unregistered lease {} failed too: {}", leaseId,
					ex.getClass().getName());
		}
	}

	/** What the client is told: Vault's quota answer, else no URL nor internal detail. */
	private VaultException failure(LeaseServiceException ex) {
		if (ex.status() == 429) {
			return new VaultException(429, ex.errors().isEmpty() ? List.of("lease count quota exceeded") : ex.errors());
		}
		if (ex.status() != 0) {
			String detail = ex.errors().isEmpty() ? "lease-service answered " + ex.status()
					: String.join("; ", ex.errors());
			return new VaultException(500, "failed to register lease: " + detail);
		}
		return new VaultException(500, "failed to register lease: "
				+ (this.leaseService.configured() ? "lease-service unavailable" : "no lease-service is configured"));
	}

}
