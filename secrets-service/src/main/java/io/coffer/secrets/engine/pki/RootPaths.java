package io.coffer.secrets.engine.pki;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code root/generate/internal} and {@code root/generate/exported}: a new self-signed CA
 * with a fresh key, stored as a new issuer (the default one when the mount has none yet);
 * {@code exported} also returns its private key, once.
 */
final class RootPaths {

	private static final Pattern ISSUER_NAME = Pattern.compile("[a-zA-Z0-9_-]+");

	private final PkiStore store;

	private final Issuers issuers;

	private final Revocation revocation;

	private final Clock clock;

	private final SecureRandom random;

	RootPaths(PkiStore store, Issuers issuers, Revocation revocation, Clock clock, SecureRandom random) {
		this.store = store;
		this.issuers = issuers;
		this.revocation = revocation;
		this.clock = clock;
		this.random = random;
	}

	LogicalResponse generate(LogicalRequest request, boolean exported) {
		Map<String, Object> data = request.data();
		OutputFormat output = OutputFormat.of(data);
		String issuerName = PkiFields.string(data, "issuer_name", "").trim();
		String keyName = PkiFields.string(data, "key_name", "").trim();
		checkName(issuerName, "issuer");
		checkName(keyName, "key");
		if (this.issuers.nameInUse(issuerName)) {
			throw VaultException.badRequest("issuer name already in use");
		}
		KeySpec spec = KeySpec.of(PkiFields.string(data, "key_type", KeySpec.RSA),
				PkiFields.integer(data, "key_bits", 0), false);
		RequestedNames names = RequestedNames.fromRequest(data, true);
		if (names.commonName().isEmpty()) {
			throw VaultException.badRequest("the common_name field is required, or must be provided in a CSR with "
					+ "\"use_csr_common_name\" set to true, unless \"require_cn\" is set to false");
		}
		List<String> warnings = new ArrayList<>();
		Instant now = this.clock.instant();
		Instant notAfter = Validity.notAfter(now, PkiFields.seconds(data, "ttl", 0), Validity.Ttls.NONE,
				request.mount(), null, warnings);
		KeyPair pair = spec.generate(this.random);
		CertificateTemplate template = new CertificateTemplate(names.commonName(), names.dnsNames(), names.emails(),
				names.ips(), pair.getPublic(), Serials.random(this.random), now.minus(Validity.NOT_BEFORE_BACKDATE),
				notAfter, CertificateTemplate.Usage.CA);
		X509Certificate certificate = CertificateSigner.sign(template,
				new CertificateSigner.Signer(null, pair.getPrivate(), spec), this.store.urls());

		StoredKey key = new StoredKey(UUID.randomUUID().toString(), keyName, spec.type(), spec.bits(),
				Pem.base64(pair.getPrivate().getEncoded()));
		StoredIssuer issuer = new StoredIssuer(UUID.randomUUID().toString(), issuerName, key.id(),
				Pem.base64(Pem.encoded(certificate)));
		String serial = Serials.format(certificate.getSerialNumber());
		this.store.putKey(key);
		this.store.putIssuer(issuer);
		this.store.putCertificate(serial, Pem.encoded(certificate));
		if (this.store.defaultIssuerId().flatMap(this.store::issuer).isEmpty()) {
			this.store.putDefaultIssuerId(issuer.id());
		}
		this.revocation.rebuild(issuer);

		Map<String, Object> response = new LinkedHashMap<>();
		response.put("certificate",
				output.certificateField(certificate, exported ? pair.getPrivate() : null, List.of(certificate)));
		response.put("expiration", certificate.getNotAfter().toInstant().getEpochSecond());
		response.put("issuer_id", issuer.id());
		response.put("issuer_name", issuer.name());
		response.put("issuing_ca", output.certificate(certificate));
		response.put("key_id", key.id());
		response.put("key_name", key.name());
		response.put("serial_number", serial);
		if (exported) {
			response.put("private_key", output.privateKey(pair.getPrivate()));
			response.put("private_key_type", spec.type());
		}
		return LogicalResponse.data(response).withWarnings(warnings);
	}

	private static void checkName(String name, String what) {
		if (name.isEmpty()) {
			return;
		}
		if (Issuers.DEFAULT.equals(name)) {
			throw VaultException.badRequest("reserved keyword 'default' can not be used as " + what + " name");
		}
		if (!ISSUER_NAME.matcher(name).matches()) {
			throw VaultException.badRequest(what + " name contained invalid characters");
		}
	}

}
