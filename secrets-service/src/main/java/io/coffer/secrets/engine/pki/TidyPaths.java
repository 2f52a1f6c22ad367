package io.coffer.secrets.engine.pki;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code tidy} and {@code tidy-status}: removes certificates (and revoked entries) that
 * expired more than {@code safety_buffer} ago, then rebuilds the CRLs that lost entries.
 * Vault runs tidy in the background and answers 202; here it runs within the request
 * (bounded by the number of stored certificates) and answers the same 202 and warning.
 */
final class TidyPaths {

	/** Vault's default {@code safety_buffer}: 72h. */
	static final long DEFAULT_SAFETY_BUFFER = 259_200;

	private static final String STATUS = "config/tidy-status";

	private final PkiStore store;

	private final Revocation revocation;

	private final Clock clock;

	TidyPaths(PkiStore store, Revocation revocation, Clock clock) {
		this.store = store;
		this.revocation = revocation;
		this.clock = clock;
	}

	LogicalResponse tidy(LogicalRequest request) {
		Map<String, Object> data = request.data();
		boolean certStore = PkiFields.bool(data, "tidy_cert_store", false);
		boolean revoked = PkiFields.bool(data, "tidy_revoked_certs", false);
		long buffer = PkiFields.seconds(data, "safety_buffer", DEFAULT_SAFETY_BUFFER);
		if (buffer < 1) {
			throw VaultException.badRequest("safety_buffer must be greater than zero");
		}
		if (!certStore && !revoked) {
			throw VaultException.badRequest("tidy operation not started, at least one operation must be enabled");
		}
		Instant started = this.clock.instant();
		Instant cutoff = started.minusSeconds(buffer);
		long certsDeleted = 0;
		long revokedDeleted = 0;
		boolean crlChanged = false;
		for (String key : this.store.names(PkiStore.CERTS)) {
			String serial = Serials.display(key);
			Optional<byte[]> der = this.store.certificate(serial);
			if (der.isEmpty() || isIssuer(serial)
					|| !Pem.parseCertificate(der.get()).getNotAfter().toInstant().isBefore(cutoff)) {
				continue;
			}
			boolean isRevoked = this.store.revoked(serial).isPresent();
			if (isRevoked && revoked) {
				this.store.delete(PkiStore.REVOKED + key);
				revokedDeleted++;
				crlChanged = true;
			}
			if (certStore || (isRevoked && revoked)) {
				this.store.delete(PkiStore.CERTS + key);
				certsDeleted++;
			}
		}
		if (crlChanged) {
			this.store.issuers().forEach(this.revocation::rebuild);
		}
		TidyStatus status = new TidyStatus(certStore, revoked, buffer, started.toString(),
				this.clock.instant().toString(), certsDeleted, revokedDeleted);
		this.store.putTidyStatus(STATUS, status);
		return LogicalResponse.empty()
			.withWarnings(List.of("Tidy operation successfully started. Any information from the operation will be "
					+ "printed to Vault's server logs."))
			.withStatus(202);
	}

	LogicalResponse status() {
		Map<String, Object> data = new LinkedHashMap<>();
		Optional<TidyStatus> last = this.store.tidyStatus(STATUS);
		data.put("state", last.isPresent() ? "Finished" : "Inactive");
		data.put("tidy_cert_store", last.map(TidyStatus::tidyCertStore).orElse(null));
		data.put("tidy_revoked_certs", last.map(TidyStatus::tidyRevokedCerts).orElse(null));
		data.put("safety_buffer", last.map(TidyStatus::safetyBuffer).orElse(null));
		data.put("time_started", last.map(TidyStatus::timeStarted).orElse(null));
		data.put("time_finished", last.map(TidyStatus::timeFinished).orElse(null));
		data.put("error", null);
		data.put("cert_store_deleted_count", last.map(TidyStatus::certStoreDeletedCount).orElse(0L));
		data.put("revoked_cert_deleted_count", last.map(TidyStatus::revokedCertDeletedCount).orElse(0L));
		return LogicalResponse.data(data);
	}

	private boolean isIssuer(String serial) {
		return this.store.issuers()
			.stream()
			.anyMatch((issuer) -> Serials.format(Issuers.certificate(issuer).getSerialNumber()).equals(serial));
	}

}
