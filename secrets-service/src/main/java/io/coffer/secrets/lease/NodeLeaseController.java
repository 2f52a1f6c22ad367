package io.coffer.secrets.lease;

import java.util.List;

import io.coffer.common.VaultErrorBody;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.lease.LeasePaths;
import io.coffer.common.lease.LeaseRenewalRequest;
import io.coffer.common.lease.LeaseRevocation;
import io.coffer.common.lease.LeaseRevocationBatch;
import io.coffer.common.lease.LeaseRevocationResults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * lease-service's callbacks on the active node: {@code POST /internal/leases/revoke}
 * ({@link LeaseRevocation}, 204), {@code POST /internal/leases/revoke-batch}
 * ({@link LeaseRevocationBatch}, 200 with a {@link LeaseRevocationResults}: one outcome
 * per lease) and {@code POST /internal/leases/renew} ({@link LeaseRenewalRequest}, 200
 * with a {@code LeaseRenewal}); see {@link NodeLeases}. Only lease-service's identity
 * (caller {@value #CALLER}) may call them: its allow-list
 * ({@code coffer.identity.callers.lease.paths}, {@link LeaseCallerDefaults}) lets nothing
 * else through, and this controller refuses any other caller with 403 as well.
 */
@RestController
class NodeLeaseController {

	/** lease-service's caller name. */
	static final String CALLER = "lease";

	private static final Logger logger = LoggerFactory.getLogger(NodeLeaseController.class);

	private final NodeLeases leases;

	NodeLeaseController(NodeLeases leases) {
		this.leases = leases;
	}

	@PostMapping(path = LeasePaths.NODE_REVOKE, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> revoke(@RequestBody LeaseRevocation revocation, Authentication caller) {
		if (!isLeaseService(caller)) {
			return denied(LeasePaths.NODE_REVOKE);
		}
		this.leases.revoke(revocation);
		return ResponseEntity.noContent().header("Content-Type", MediaType.APPLICATION_JSON_VALUE).build();
	}

	@PostMapping(path = LeasePaths.NODE_REVOKE_BATCH, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> revokeAll(@RequestBody LeaseRevocationBatch batch, Authentication caller) {
		if (!isLeaseService(caller)) {
			return denied(LeasePaths.NODE_REVOKE_BATCH);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(new LeaseRevocationResults(this.leases.revokeAll(batch.revocations())));
	}

	@PostMapping(path = LeasePaths.NODE_RENEW, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> renew(@RequestBody LeaseRenewalRequest request, Authentication caller) {
		if (!isLeaseService(caller)) {
			return denied(LeasePaths.NODE_RENEW);
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.leases.renew(request));
	}

	private static ResponseEntity<Object> denied(String path) {
		logger.warn("Refused {} from a caller that is not lease-service", path);
		return ResponseEntity.status(403)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new VaultErrorBody(List.of("permission denied")));
	}

	private static boolean isLeaseService(Authentication caller) {
		return caller != null && caller.getPrincipal() instanceof Jwt identity
				&& InternalIdentity.issuer(CALLER).equals(identity.getClaimAsString(JwtClaimNames.ISS));
	}

}
