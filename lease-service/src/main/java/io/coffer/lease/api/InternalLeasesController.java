package io.coffer.lease.api;

import io.coffer.common.lease.LeaseGrant;
import io.coffer.common.lease.LeasePaths;
import io.coffer.common.lease.LeaseRegistration;
import io.coffer.common.lease.MountLeasesRevocation;
import io.coffer.common.lease.TokenLeasesRevocation;
import io.coffer.lease.lease.LeaseService;
import io.coffer.lease.revoke.MountRevocations;
import io.coffer.support.error.VaultErrorException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The nodes' side of the lease protocol ({@code io.coffer.common.lease}): register a
 * lease, revoke a revoked token's leases, revoke a mount's leases before it is disabled.
 * Only the {@code secrets} caller may call these.
 */
@RestController
public class InternalLeasesController {

	private final LeaseService leases;

	private final MountRevocations mounts;

	private final JsonMapper json;

	public InternalLeasesController(LeaseService leases, MountRevocations mounts, JsonMapper json) {
		this.leases = leases;
		this.mounts = mounts;
		this.json = json;
	}

	@PostMapping(LeasePaths.REGISTER)
	ResponseEntity<LeaseGrant> register(@RequestBody(required = false) String body) {
		LeaseRegistration registration = read(body, LeaseRegistration.class);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.leases.register(registration));
	}

	@PostMapping(LeasePaths.REVOKE_TOKEN)
	ResponseEntity<Void> revokeToken(@RequestBody(required = false) String body) {
		this.leases.revokeToken(read(body, TokenLeasesRevocation.class).tokenAccessor());
		return ResponseEntity.noContent().build();
	}

	@PostMapping(LeasePaths.REVOKE_MOUNT)
	ResponseEntity<Void> revokeMount(@RequestBody(required = false) String body) throws InterruptedException {
		this.mounts.revoke(read(body, MountLeasesRevocation.class));
		return ResponseEntity.noContent().build();
	}

	private <T> T read(String body, Class<T> type) {
		if (body == null || body.isBlank()) {
			throw new VaultErrorException(400, "missing request body");
		}
		try {
			return this.json.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new VaultErrorException(400, "invalid JSON");
		}
	}

}
