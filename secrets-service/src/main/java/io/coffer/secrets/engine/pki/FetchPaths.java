package io.coffer.secrets.engine.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.BinaryBody;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * Reading certificates and CRLs as Vault serves them: the raw {@code ca} (DER,
 * {@code application/pkix-cert}), {@code ca/pem}, {@code ca_chain}, {@code crl} (DER,
 * {@code application/pkix-crl}) and {@code crl/pem} bodies of the default issuer (204
 * when the mount has no CA), the JSON {@code cert/<serial>} (also {@code cert/ca},
 * {@code cert/ca_chain}, {@code cert/crl}) and the {@code certs} list.
 */
final class FetchPaths {

	private final PkiStore store;

	private final Issuers issuers;

	private final Revocation revocation;

	FetchPaths(PkiStore store, Issuers issuers, Revocation revocation) {
		this.store = store;
		this.issuers = issuers;
		this.revocation = revocation;
	}

	LogicalResponse caDer() {
		return defaultCa().map((ca) -> raw("application/pkix-cert", Pem.encoded(ca))).orElseGet(LogicalResponse::empty);
	}

	LogicalResponse caPem() {
		return defaultCa().map((ca) -> raw("application/pem-certificate-chain", utf8(Pem.certificate(ca))))
			.orElseGet(LogicalResponse::empty);
	}

	LogicalResponse caChain() {
		return defaultCa().map((ca) -> raw("application/pkix-cert", utf8(Pem.certificate(ca))))
			.orElseGet(LogicalResponse::empty);
	}

	LogicalResponse crlDer() {
		return defaultCrl().map((crl) -> raw("application/pkix-crl", encoded(crl))).orElseGet(LogicalResponse::empty);
	}

	LogicalResponse crlPem() {
		return defaultCrl().map((crl) -> raw("application/x-pem-file", utf8(Pem.crl(crl))))
			.orElseGet(LogicalResponse::empty);
	}

	/** {@code cert/<serial>} and its special names, in JSON. */
	LogicalResponse cert(String serial) {
		Map<String, Object> data = new LinkedHashMap<>();
		switch (serial) {
			case "ca" -> data.put("certificate", Pem.certificate(requireDefaultCa()));
			case "ca_chain" -> {
				String chain = Pem.certificate(requireDefaultCa());
				data.put("certificate", chain);
				data.put("ca_chain", chain);
			}
			case "crl" -> data.put("certificate", Pem.crl(defaultCrl()
				.orElseThrow(() -> VaultException.badRequest("no default issuer currently configured"))));
			default -> {
				if (!Serials.valid(serial)) {
					throw VaultException.notFound();
				}
				byte[] der = this.store.certificate(serial).orElseThrow(VaultException::notFound);
				data.put("certificate", Pem.certificate(Pem.parseCertificate(der)));
				Optional<RevokedCert> revoked = this.store.revoked(serial);
				data.put("revocation_time", revoked.map(RevokedCert::revocationTime).orElse(0L));
				data.put("revocation_time_rfc3339", revoked.map(RevokedCert::revocationTimeRfc3339).orElse(""));
				revoked.ifPresent((cert) -> data.put("issuer_id", cert.issuerId()));
				return LogicalResponse.data(data);
			}
		}
		data.put("revocation_time", 0L);
		data.put("revocation_time_rfc3339", "");
		return LogicalResponse.data(data);
	}

	LogicalResponse list() {
		List<String> serials = this.store.names(PkiStore.CERTS).stream().map(Serials::display).toList();
		if (serials.isEmpty()) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(Map.of("keys", serials));
	}

	private Optional<X509Certificate> defaultCa() {
		return this.issuers.find(Issuers.DEFAULT).map(Issuers::certificate);
	}

	private X509Certificate requireDefaultCa() {
		return Issuers.certificate(this.issuers.require(Issuers.DEFAULT));
	}

	private Optional<X509CRL> defaultCrl() {
		return this.issuers.find(Issuers.DEFAULT).map(this.revocation::crl);
	}

	private static LogicalResponse raw(String contentType, byte[] body) {
		return LogicalResponse.binary(new BinaryBody(contentType, body.length, new ByteArrayInputStream(body)));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] encoded(X509CRL crl) {
		try {
			return crl.getEncoded();
		}
		catch (CRLException ex) {
			throw new VaultException(500, "could not encode the CRL");
		}
	}

}
