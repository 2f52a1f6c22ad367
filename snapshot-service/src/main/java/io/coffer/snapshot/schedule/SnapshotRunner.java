package io.coffer.snapshot.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.snapshot.metrics.SnapshotMetrics;
import io.coffer.snapshot.node.NodeClient;
import io.coffer.support.node.NodeRefusedException;
import io.coffer.support.node.NodeUnavailableException;
import io.coffer.snapshot.policy.SnapshotPolicy;
import io.coffer.snapshot.target.LocalTarget;
import io.coffer.snapshot.target.SnapshotTarget;
import io.coffer.snapshot.target.SnapshotTargets;
import io.coffer.support.snapshot.InvalidSnapshotException;
import io.coffer.support.snapshot.SnapshotReader;
import io.coffer.support.web.vault.VaultResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Takes one snapshot of a configuration whose tick this instance claimed: streams it from
 * the active node into a temporary file of its {@link SnapshotTarget}, verifies it
 * ({@link SnapshotReader#verify}: framing, manifest, checksums, entry count, key order),
 * only then stores it under its final name (a rename, or an S3 upload), and keeps the
 * {@code retain} newest. The outcome is stored as the configuration's status on the node
 * (Vault's fields plus {@code verification}); a failure is recorded there and in the
 * metrics, and the schedule goes on.
 */
@Component
public class SnapshotRunner {

	private static final Logger log = LoggerFactory.getLogger(SnapshotRunner.class);

	private final NodeClient node;

	private final SnapshotMetrics metrics;

	private final SnapshotTargets targets;

	private final Clock clock;

	public SnapshotRunner(NodeClient node, SnapshotMetrics metrics, SnapshotTargets targets, Clock clock) {
		this.node = node;
		this.metrics = metrics;
		this.targets = targets;
		this.clock = clock;
	}

	/**
	 * @param previous the configuration's stored status before this run
	 * @return the status stored after it
	 */
	public Map<String, Object> run(SnapshotPolicy policy, Map<String, Object> previous) {
		Instant start = this.clock.instant();
		long stamp = start.getEpochSecond() * 1_000_000_000L + start.getNano();
		String url = SnapshotTargets.url(policy, stamp);
		Map<String, Object> status = new LinkedHashMap<>(previous);
		status.put("snapshot_start", VaultResponses.time(start));
		status.put("snapshot_url", url);
		store(policy.name(), status);
		status.put("snapshot_start", "");
		status.put("snapshot_url", "");
		status.put("last_snapshot_start", VaultResponses.time(start));
		try {
			Taken taken = take(policy, stamp);
			SnapshotManifest manifest = taken.manifest();
			Instant end = this.clock.instant();
			status.put("last_snapshot_end", VaultResponses.time(end));
			status.put("last_snapshot_error", "");
			status.put("last_snapshot_url", url);
			status.put("last_success_time", VaultResponses.time(end));
			status.put("consecutive_errors", 0);
			status.put("verification", verified(manifest, taken.size(), end));
			this.metrics.saved(policy.name(), Duration.between(start, end), taken.size(), end.getEpochSecond());
			log.info("Automated snapshot {} stored at {} ({} entries at log index {})", policy.name(), url,
					manifest.entryCount(), manifest.logIndex());
		}
		catch (VerificationFailedException ex) {
			failed(policy, status, "snapshot verification failed: " + ex.getMessage());
			status.put("verification",
					Map.of("ok", false, "time", VaultResponses.time(this.clock.instant()), "error", ex.getMessage()));
			this.metrics.verifyError(policy.name());
		}
		catch (IOException | NodeRefusedException | NodeUnavailableException ex) {
			failed(policy, status, ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Automated snapshot {} failed unexpectedly", policy.name(), ex);
			failed(policy, status, "unexpected error: " + ex.getClass().getSimpleName());
		}
		spaceUsed(policy);
		store(policy.name(), status);
		return status;
	}

	/**
	 * Receive, verify, and only then store; then retention. The temporary file is gone
	 * afterwards whatever happened.
	 */
	private Taken take(SnapshotPolicy policy, long stamp) throws IOException {
		try (SnapshotTarget target = this.targets.open(policy)) {
			Path temp = this.node.snapshot((content, length) -> target.receive(stamp, content, length));
			try {
				SnapshotManifest manifest;
				try {
					manifest = SnapshotReader.verify(temp);
				}
				catch (InvalidSnapshotException ex) {
					throw new VerificationFailedException(ex.getMessage());
				}
				long size = Files.size(temp);
				target.store(temp, stamp);
				target.rotate(policy.retain());
				return new Taken(manifest, size);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
	}

	private record Taken(SnapshotManifest manifest, long size) {
	}

	private void failed(SnapshotPolicy policy, Map<String, Object> status, String error) {
		Object before = status.get("consecutive_errors");
		int errors = (before instanceof Number number) ? number.intValue() : 0;
		status.put("last_snapshot_end", VaultResponses.time(this.clock.instant()));
		status.put("last_snapshot_error", error);
		status.put("consecutive_errors", errors + 1);
		this.metrics.saveError(policy.name());
		log.warn("Automated snapshot {} failed: {}", policy.name(), error);
	}

	private void spaceUsed(SnapshotPolicy policy) {
		if (policy.s3() == null && policy.localMaxSpace() > 0) {
			try {
				this.metrics.spaceUsed(policy.name(), LocalTarget.used(policy), policy.localMaxSpace());
			}
			catch (IOException ex) {
				log.debug("Could not measure {}: {}", policy.pathPrefix(), ex.toString());
			}
		}
	}

	private static Map<String, Object> verified(SnapshotManifest manifest, long size, Instant end) {
		Map<String, Object> verification = new LinkedHashMap<>();
		verification.put("ok", true);
		verification.put("time", VaultResponses.time(end));
		verification.put("error", "");
		verification.put("checks", "format, manifest, checksums, entry count, key order");
		verification.put("cluster_id", manifest.clusterId());
		verification.put("log_index", manifest.logIndex());
		verification.put("keyring_term", manifest.keyringTerm());
		verification.put("entry_count", manifest.entryCount());
		verification.put("state_sha256", manifest.stateSha256());
		verification.put("size", size);
		return verification;
	}

	private void store(String name, Map<String, Object> status) {
		try {
			this.node.status(name, status);
		}
		catch (NodeRefusedException | NodeUnavailableException ex) {
			log.warn("Could not store the status of automated snapshot {}: {}", name, ex.getMessage());
		}
	}

	/**
	 * The received snapshot did not pass {@link SnapshotReader#verify}; it was not kept.
	 */
	static final class VerificationFailedException extends IOException {

		VerificationFailedException(String message) {
			super(message);
		}

	}

}
