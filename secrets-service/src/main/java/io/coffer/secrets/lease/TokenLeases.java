package io.coffer.secrets.lease;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.coffer.common.lease.LeaseRegistration;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.router.Router;
import io.coffer.secrets.support.Base62;
import io.coffer.secrets.token.TokenBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The leases of tokens with a TTL, so that lease-service expires them as it expires
 * secrets (revoking their children and, through the revocation's report, their leases):
 * every response that issues or renews a token ({@code auth} with a
 * {@code lease_duration}) registers a lease for the token's current expiry, on the token
 * store's mount ({@code auth/token/}), not renewable through {@code sys/leases/renew}
 * (tokens renew through {@code auth/token/renew*}, which registers the next lease; an
 * older lease then ends without revoking, see {@link TokenBackend#revokeSecret}). The
 * lease records the token's own accessor, so revoking the token ends its lease too.
 * <p>
 * Tokens stay bounded by their TTL on the node in any case (an expired token is refused),
 * so a lease-service that cannot be reached does not fail a login or a renewal: the token
 * is issued and only its automatic clean-up is lost (tidy still removes it). A full
 * lease-count quota does fail a login or token creation with Vault's 429, the token
 * revoked; never a renewal.
 */
@Service
public class TokenLeases {

	private static final Logger logger = LoggerFactory.getLogger(TokenLeases.class);

	private final LeaseServiceClient leaseService;

	private final RevocationData revocationData;

	private final Router router;

	private final Clock clock;

	private final SecureRandom random;

	TokenLeases(LeaseServiceClient leaseService, RevocationData revocationData, Router router, Clock clock,
			SecureRandom random) {
		this.leaseService = leaseService;
		this.revocationData = revocationData;
		this.router = router;
		this.clock = clock;
		this.random = random;
	}

	/**
	 * Registers the lease of the token in {@code auth}, when it has a TTL and
	 * lease-service is configured.
	 * @param request the request that issued or renewed the token
	 * @param auth the response's {@code auth} block
	 * @throws VaultException 429 with lease-service's messages when a lease-count quota
	 * refuses a new token (which is revoked by then)
	 */
	public void register(LogicalRequest request, Map<String, Object> auth) {
		if (!this.leaseService.configured() || !(auth.get("accessor") instanceof String accessor) || accessor.isEmpty()
				|| !(auth.get("lease_duration") instanceof Number duration) || duration.longValue() <= 0) {
			return;
		}
		long ttl = duration.longValue();
		String leaseId = request.fullPath() + "/" + Base62.random(this.random, LeaseRegistrar.LEASE_ID_RANDOM_LENGTH);
		long expireTime = this.clock.instant().getEpochSecond() + ttl;
		try {
			this.leaseService.register(
					new LeaseRegistration(leaseId, request.mount().path(), TokenBackend.MOUNT.accessor(), "", accessor,
							ttl, ttl, false,
							this.revocationData.seal(leaseId, Map.of("accessor", accessor, "expire_time", expireTime))),
					request.requestId());
		}
		catch (LeaseServiceException ex) {
			if (ex.status() == 429 && !isRenewal(request)) {
				revoke(accessor);
				throw new VaultException(429,
						ex.errors().isEmpty() ? List.of("lease count quota exceeded") : ex.errors());
			}
			logger.warn("Token lease {} was not registered ({}); the token expires on the node only", leaseId,
					ex.getMessage());
		}
	}

	private void revoke(String accessor) {
		this.router.byAccessor(TokenBackend.MOUNT.accessor())
			.ifPresent((route) -> route.engine().revokeSecret(Map.of("accessor", accessor)));
	}

	private static boolean isRenewal(LogicalRequest request) {
		return TokenBackend.MOUNT.path().equals(request.mount().path()) && request.path().startsWith("renew");
	}

}
