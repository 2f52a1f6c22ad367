package io.coffer.secrets.engine.pki;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code revoke}, {@code crl/rotate} and the CRLs themselves: a revoked certificate is
 * recorded under {@code revoked/} and its issuer's CRL is rebuilt and signed at once, as
 * Vault does without auto-rebuild. CRLs are valid for Vault's default expiry (72h).
 */
final class Revocation {

	/** Vault's default {@code config/crl} expiry. */
	static final Duration CRL_EXPIRY = Duration.ofHours(72);

	private final PkiStore store;

	private final Issuers issuers;

	private final Clock clock;

	Revocation(PkiStore store, Issuers issuers, Clock clock) {
		this.store = store;
		this.issuers = issuers;
		this.clock = clock;
	}

	LogicalResponse revoke(String serial) {
		if (serial.isEmpty()) {
			throw VaultException.badRequest("The serial number must be provided");
		}
		if (!Serials.valid(serial)) {
			throw VaultException.badRequest("unable to parse serial number: " + serial);
		}
		String colon = Serials.display(Serials.storageKey(serial));
		for (StoredIssuer issuer : this.store.issuers()) {
			X509Certificate ca = Issuers.certificate(issuer);
			if (Serials.format(ca.getSerialNumber()).equals(colon)) {
				throw VaultException
					.badRequest("adding issuer (id: " + issuer.id() + ") to its own CRL is not allowed");
			}
		}
		Optional<RevokedCert> existing = this.store.revoked(colon);
		if (existing.isPresent()) {
			return LogicalResponse.data(response(existing.get()));
		}
		byte[] der = this.store.certificate(colon)
			.orElseThrow(() -> VaultException.badRequest("certificate with serial " + colon + " not found."));
		X509Certificate certificate = Pem.parseCertificate(der);
		Instant now = this.clock.instant();
		if (certificate.getNotAfter().toInstant().isBefore(now.plusSeconds(2))) {
			return LogicalResponse.empty()
				.withWarnings(List.of("certificate with serial " + colon + " already expired; refusing to add to CRL"));
		}
		StoredIssuer issuer = issuerOf(certificate)
			.orElseThrow(() -> VaultException.badRequest("unable to find the issuer of certificate " + colon));
		RevokedCert revoked = new RevokedCert(colon, now.getEpochSecond(), now.toString(), issuer.id());
		this.store.putRevoked(revoked);
		rebuild(issuer);
		return LogicalResponse.data(response(revoked));
	}

	/** {@code crl/rotate}: rebuilds the CRL of every issuer. */
	LogicalResponse rotate() {
		for (StoredIssuer issuer : this.store.issuers()) {
			rebuild(issuer);
		}
		return LogicalResponse.data(Map.of("success", true));
	}

	/** The issuer's current CRL (built on first use). */
	X509CRL crl(StoredIssuer issuer) {
		Optional<CrlState> state = this.store.crl(issuer.id());
		if (state.isPresent()) {
			return Pem.parseCrl(PkiStore.decode(state.get().der()));
		}
		return rebuild(issuer);
	}

	/** Signs a new CRL of {@code issuer} listing every certificate revoked under it. */
	X509CRL rebuild(StoredIssuer issuer) {
		long number = this.store.crl(issuer.id()).map(CrlState::number).orElse(0L) + 1;
		List<RevokedCert> revoked = this.store.revokedCerts()
			.stream()
			.filter((cert) -> cert.issuerId().equals(issuer.id()))
			.toList();
		Instant now = this.clock.instant();
		X509CRL crl = CertificateSigner.crl(this.issuers.signer(issuer), revoked, number, now, now.plus(CRL_EXPIRY));
		try {
			this.store.putCrl(issuer.id(), new CrlState(number, Pem.base64(crl.getEncoded())));
		}
		catch (java.security.cert.CRLException ex) {
			throw new VaultException(500, "could not encode the CRL");
		}
		return crl;
	}

	/** The issuer whose key signed {@code certificate}. */
	Optional<StoredIssuer> issuerOf(X509Certificate certificate) {
		for (StoredIssuer issuer : this.store.issuers()) {
			X509Certificate ca = Issuers.certificate(issuer);
			if (!ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
				continue;
			}
			try {
				certificate.verify(ca.getPublicKey());
				return Optional.of(issuer);
			}
			catch (GeneralSecurityException ex) {
				// Same name, another key: not this issuer.
			}
		}
		return Optional.empty();
	}

	static Map<String, Object> response(RevokedCert revoked) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("revocation_time", revoked.revocationTime());
		data.put("revocation_time_rfc3339", revoked.revocationTimeRfc3339());
		data.put("state", "revoked");
		return data;
	}

}
