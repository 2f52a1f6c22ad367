package io.coffer.secrets.audit.journal;

import java.io.IOException;
import java.util.List;

import io.coffer.common.VaultErrorBody;
import io.coffer.common.audit.AuditPaths;
import io.coffer.common.audit.ChainReport;
import io.coffer.common.audit.JournalAck;
import io.coffer.common.audit.JournalClaim;
import io.coffer.common.audit.JournalPage;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.secrets.storage.HaCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * audit-service's view of this node's journal ({@link AuditPaths}): claim, state, a
 * device's lines (long-polled), ack and verify. Served in every node state (sealed,
 * standby, active): the journal is plain files. Only audit-service's identity (caller
 * {@code audit}) may call them: its allow-list ({@link AuditCallerDefaults}) lets nothing
 * else through, and this controller refuses any other caller with 403 as well.
 */
@RestController
class JournalController {

	/** At most this many lines per page. */
	static final int MAX_LIMIT = 1000;

	/** A long-poll waits at most this long. */
	static final long MAX_WAIT_MILLIS = 30_000;

	private static final Logger logger = LoggerFactory.getLogger(JournalController.class);

	private final FileAuditJournal journal;

	private final JournalClaims claims;

	private final HaCluster ha;

	JournalController(FileAuditJournal journal, JournalClaims claims, HaCluster ha) {
		this.journal = journal;
		this.claims = claims;
		this.ha = ha;
	}

	@PostMapping(path = AuditPaths.JOURNAL_CLAIM, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> claim(@RequestBody JournalClaim ask, Authentication caller) {
		if (!isAuditService(caller)) {
			return denied(AuditPaths.JOURNAL_CLAIM);
		}
		if (ask.instance() == null || ask.instance().isBlank()) {
			return error(HttpStatus.BAD_REQUEST, "missing instance");
		}
		return ResponseEntity.ok(this.claims.claim(ask));
	}

	@GetMapping(path = AuditPaths.JOURNAL_STATE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> state(Authentication caller) {
		if (!isAuditService(caller)) {
			return denied(AuditPaths.JOURNAL_STATE);
		}
		return ResponseEntity.ok(this.journal.state(this.ha.nodeId()));
	}

	@GetMapping(path = AuditPaths.JOURNAL_LINES, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> lines(@RequestParam String device, @RequestParam(defaultValue = "0") long after,
			@RequestParam(defaultValue = "" + MAX_LIMIT) int limit, @RequestParam(defaultValue = "0") long wait,
			Authentication caller) throws IOException, InterruptedException {
		if (!isAuditService(caller)) {
			return denied(AuditPaths.JOURNAL_LINES);
		}
		if (this.journal.id() == null) {
			return error(HttpStatus.SERVICE_UNAVAILABLE, "audit journal is unavailable");
		}
		int capped = Math.clamp(limit, 1, MAX_LIMIT);
		JournalPage page = this.journal.lines(device, after, capped);
		if (page.lines().isEmpty() && page.next() <= after && wait > 0
				&& this.journal.awaitAfter(after, Math.min(wait, MAX_WAIT_MILLIS))) {
			page = this.journal.lines(device, after, capped);
		}
		return ResponseEntity.ok(page);
	}

	@PostMapping(path = AuditPaths.JOURNAL_ACK, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> ack(@RequestBody JournalAck ack, Authentication caller) throws IOException {
		if (!isAuditService(caller)) {
			return denied(AuditPaths.JOURNAL_ACK);
		}
		if (this.journal.id() == null || !this.journal.id().equals(ack.journal())) {
			return error(HttpStatus.CONFLICT, "not this node's journal");
		}
		if (!this.claims.holds(ack.instance())) {
			return error(HttpStatus.CONFLICT, "the journal is claimed by another instance");
		}
		if (ack.device() == null || ack.device().isBlank()) {
			return error(HttpStatus.BAD_REQUEST, "missing device");
		}
		this.journal.ack(ack.device(), ack.seq());
		return ResponseEntity.noContent().build();
	}

	@GetMapping(path = AuditPaths.JOURNAL_VERIFY, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> verify(Authentication caller) throws IOException {
		if (!isAuditService(caller)) {
			return denied(AuditPaths.JOURNAL_VERIFY);
		}
		if (this.journal.id() == null) {
			return error(HttpStatus.SERVICE_UNAVAILABLE, "audit journal is unavailable");
		}
		ChainReport report = this.journal.verify();
		return ResponseEntity.ok(report);
	}

	private static ResponseEntity<Object> denied(String path) {
		logger.warn("Refused {} from a caller that is not audit-service", path);
		return error(HttpStatus.FORBIDDEN, "permission denied");
	}

	private static ResponseEntity<Object> error(HttpStatus status, String message) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new VaultErrorBody(List.of(message)));
	}

	private static boolean isAuditService(Authentication caller) {
		return caller != null && caller.getPrincipal() instanceof Jwt identity
				&& InternalIdentity.issuer(AuditPaths.CALLER).equals(identity.getClaimAsString(JwtClaimNames.ISS));
	}

}
