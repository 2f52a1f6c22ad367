package io.coffer.secrets.snapshotauto;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import io.coffer.common.VaultErrorBody;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.snapshotauto.AutoSnapshotEntry;
import io.coffer.common.snapshotauto.AutoSnapshotPut;
import io.coffer.common.snapshotauto.SnapshotAutoPaths;
import io.coffer.common.snapshotauto.TickClaim;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.SealedException;
import io.coffer.secrets.kernel.BinaryBody;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.snapshot.SnapshotProducer;
import io.coffer.secrets.snapshot.SnapshotVerifier;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.StandbyException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * snapshot-service's calls on the active node ({@link SnapshotAutoPaths}): the
 * configurations, the tick claim, the status, the streamed snapshot and its verification.
 * Only snapshot-service's identity (caller {@value SnapshotAutoPaths#CALLER}) may call
 * them; a sealed node answers {@code 503 Vault is sealed}, a standby its usual "not
 * executed" refusal, so snapshot-service moves on to the next node.
 */
@RestController
class SnapshotAutoController {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotAutoController.class);

	private static final String ONE = SnapshotAutoPaths.CONFIGS + "/{name}";

	private final AutoSnapshotStore store;

	private final SnapshotProducer producer;

	private final Barrier barrier;

	private final HaCluster ha;

	private final SnapshotVerifier verifier;

	SnapshotAutoController(AutoSnapshotStore store, SnapshotProducer producer, SnapshotVerifier verifier,
			Barrier barrier, HaCluster ha) {
		this.store = store;
		this.producer = producer;
		this.verifier = verifier;
		this.barrier = barrier;
		this.ha = ha;
	}

	@GetMapping(path = SnapshotAutoPaths.CONFIGS, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> list(Authentication caller) {
		if (!isSnapshotService(caller)) {
			return denied();
		}
		activeOnly();
		return json(this.store.names());
	}

	@GetMapping(path = ONE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> read(@PathVariable String name, Authentication caller) {
		if (!isSnapshotService(caller)) {
			return denied();
		}
		activeOnly();
		AutoSnapshotEntry entry = this.store.get(name).orElseThrow(VaultException::notFound);
		return json(entry);
	}

	@PutMapping(path = ONE, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> write(@PathVariable String name, @RequestBody AutoSnapshotPut put, Authentication caller) {
		if (!isSnapshotService(caller)) {
			return denied();
		}
		activeOnly();
		this.store.put(name, put);
		return noContent();
	}

	@DeleteMapping(path = ONE)
	ResponseEntity<Object> delete(@PathVariable String name, Authentication caller) {
		if (!isSnapshotService(caller)) {
			return denied();
		}
		activeOnly();
		this.store.delete(name);
		return noContent();
	}

	@PostMapping(path = ONE + SnapshotAutoPaths.CLAIM_SUFFIX, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> claim(@PathVariable String name, @RequestBody TickClaim claim, Authentication caller) {
		if (!isSnapshotService(caller)) {
			return denied();
		}
		activeOnly();
		return json(this.store.claim(name, claim.tick()));
	}

	@PutMapping(path = ONE + SnapshotAutoPaths.STATUS_SUFFIX, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> status(@PathVariable String name, @RequestBody Map<String, Object> status,
			Authentication caller) {
		if (!isSnapshotService(caller)) {
			return denied();
		}
		activeOnly();
		this.store.status(name, status);
		return noContent();
	}

	@GetMapping(path = SnapshotAutoPaths.SNAPSHOT)
	ResponseEntity<?> snapshot(Authentication caller) {
		if (!isSnapshotService(caller)) {
			return denied();
		}
		activeOnly();
		BinaryBody body = this.producer.take();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(body.contentType()))
			.contentLength(body.length())
			.body(new InputStreamResource(body.content()));
	}

	/**
	 * Any unsealed node verifies (nothing is written), so the active is not loaded with
	 * it when a standby is asked first.
	 */
	@PostMapping(path = SnapshotAutoPaths.VERIFY, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> verify(HttpServletRequest request, Authentication caller) throws IOException {
		if (!isSnapshotService(caller)) {
			return denied();
		}
		try (InputStream body = request.getInputStream()) {
			return json(this.verifier.verify(body));
		}
	}

	private void activeOnly() {
		if (this.barrier.isSealed()) {
			throw new SealedException();
		}
		if (!this.ha.isActive()) {
			throw new StandbyException("not the active node");
		}
	}

	private static ResponseEntity<Object> json(Object body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private static ResponseEntity<Object> noContent() {
		return ResponseEntity.noContent().header("Content-Type", MediaType.APPLICATION_JSON_VALUE).build();
	}

	private static ResponseEntity<Object> denied() {
		logger.warn("Refused a snapshot-auto call from a caller that is not snapshot-service");
		return ResponseEntity.status(403)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new VaultErrorBody(List.of("permission denied")));
	}

	private static boolean isSnapshotService(Authentication caller) {
		return caller != null && caller.getPrincipal() instanceof Jwt identity
				&& InternalIdentity.issuer(SnapshotAutoPaths.CALLER)
					.equals(identity.getClaimAsString(JwtClaimNames.ISS));
	}

}
