package io.coffer.secrets.engine.pki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code issue/<role>} (a fresh key pair, returned once) and {@code sign/<role>} (a CSR's
 * key): every name checked against the role with Vault's messages, the TTL capped by the
 * role and refused past the CA's expiry, the certificate stored unless the role says
 * {@code no_store}, and given a lease when the role says {@code generate_lease}.
 */
final class IssuePaths {

	private final PkiStore store;

	private final Issuers issuers;

	private final Clock clock;

	private final SecureRandom random;

	IssuePaths(PkiStore store, Issuers issuers, Clock clock, SecureRandom random) {
		this.store = store;
		this.issuers = issuers;
		this.clock = clock;
		this.random = random;
	}

	LogicalResponse issue(LogicalRequest request, String roleName) {
		PkiRole role = role(roleName);
		if (KeySpec.ANY.equals(role.keyType())) {
			throw VaultException.badRequest("role key type \"any\" not allowed for issuing certificates, only signing");
		}
		OutputFormat output = OutputFormat.of(request.data());
		RequestedNames names = RequestedNames.fromRequest(request.data(), role.allowIpSans());
		check(names, role);
		KeyPair pair = role.keySpec().generate(this.random);
		return respond(request, roleName, role, new Subject(names, pair.getPublic(), pair.getPrivate()), output);
	}

	LogicalResponse sign(LogicalRequest request, String roleName) {
		PkiRole role = role(roleName);
		OutputFormat output = OutputFormat.of(request.data());
		String csrPem = PkiFields.string(request.data(), "csr", "");
		if (csrPem.isEmpty()) {
			throw VaultException.badRequest("\"csr\" is empty");
		}
		PKCS10CertificationRequest csr = Pem.parseCsr(csrPem);
		PublicKey key = verifiedKey(csr);
		checkKey(KeySpec.of(key), role);
		RequestedNames names = RequestedNames.fromCsr(csr, request.data(), role.allowIpSans());
		check(names, role);
		return respond(request, roleName, role, new Subject(names, key, null), output);
	}

	private LogicalResponse respond(LogicalRequest request, String roleName, PkiRole role, Subject subject,
			OutputFormat output) {
		StoredIssuer issuer = this.issuers.require(role.issuerRef());
		CertificateSigner.Signer signer = this.issuers.signer(issuer);
		List<String> warnings = new ArrayList<>();
		Instant now = this.clock.instant();
		Instant notAfter = Validity.notAfter(now, PkiFields.seconds(request.data(), "ttl", 0),
				new Validity.Ttls(role.ttlSeconds(), role.maxTtlSeconds()), request.mount(), signer.certificate(),
				warnings);
		RequestedNames names = subject.names();
		CertificateTemplate template = new CertificateTemplate(names.commonName(), names.dnsNames(), names.emails(),
				names.ips(), subject.publicKey(), Serials.random(this.random), now.minus(Validity.NOT_BEFORE_BACKDATE),
				notAfter, new CertificateTemplate.Usage(false, role.serverFlag(), role.clientFlag()));
		X509Certificate certificate = CertificateSigner.sign(template, signer, this.store.urls());
		String serial = Serials.format(certificate.getSerialNumber());
		if (!role.noStore()) {
			this.store.putCertificate(serial, Pem.encoded(certificate));
		}
		List<X509Certificate> chain = List.of(signer.certificate());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("certificate", output.certificateField(certificate, subject.privateKey(), chain));
		data.put("issuing_ca", output.certificate(signer.certificate()));
		data.put("ca_chain", chain.stream().map(output::certificate).toList());
		data.put("serial_number", serial);
		data.put("expiration", notAfter.getEpochSecond());
		if (subject.privateKey() != null) {
			data.put("private_key", output.privateKey(subject.privateKey()));
			data.put("private_key_type", role.keyType());
		}
		LogicalResponse response = LogicalResponse.data(data).withWarnings(warnings);
		if (role.generateLease()) {
			long ttl = Math.max(1, notAfter.getEpochSecond() - now.getEpochSecond());
			response = response
				.withSecret(new LeasedSecret(ttl, ttl, false, roleName, Map.of("serial_number", serial)));
		}
		return response;
	}

	private PkiRole role(String name) {
		return this.store.role(name).orElseThrow(() -> VaultException.badRequest("unknown role: " + name));
	}

	/** Vault's name checks, in its order: CN, DNS names, e-mail addresses. */
	private static void check(RequestedNames names, PkiRole role) {
		if (names.commonName().isEmpty() && role.requireCn()) {
			throw VaultException.badRequest("the common_name field is required, or must be provided in a CSR with "
					+ "\"use_csr_common_name\" set to true, unless \"require_cn\" is set to false");
		}
		NamePolicy policy = new NamePolicy(role.names());
		if (!names.commonName().isEmpty() && !policy.allows(names.commonName())) {
			throw VaultException.badRequest("common name " + names.commonName() + " not allowed by this role");
		}
		String refused = policy.firstRefused(names.dnsNames());
		if (refused != null) {
			throw VaultException.badRequest("subject alternate name " + refused + " not allowed by this role");
		}
		refused = policy.firstRefused(names.emails());
		if (refused != null) {
			throw VaultException.badRequest("email address " + refused + " not allowed by this role");
		}
	}

	private static void checkKey(KeySpec key, PkiRole role) {
		if (KeySpec.ANY.equals(role.keyType())) {
			return;
		}
		if (!key.type().equals(role.keyType())) {
			throw VaultException.badRequest("role requires keys of type " + role.keyType());
		}
		if (key.bits() < role.keyBits()) {
			throw VaultException.badRequest("role requires a minimum of a " + role.keyBits()
					+ "-bit key, but CSR's key is " + key.bits() + " bits");
		}
	}

	private static PublicKey verifiedKey(PKCS10CertificationRequest csr) {
		try {
			if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
				throw VaultException.badRequest("request signature invalid");
			}
			return new JcaPKCS10CertificationRequest(csr).getPublicKey();
		}
		catch (OperatorCreationException | PKCSException | java.security.GeneralSecurityException ex) {
			throw VaultException.badRequest("certificate request could not be parsed");
		}
	}

	/**
	 * The subject's side of a certificate.
	 *
	 * @param privateKey the generated key ({@code issue}), null for a CSR
	 */
	private record Subject(RequestedNames names, PublicKey publicKey, PrivateKey privateKey) {

		@Override
		public String toString() {
			return "Subject[" + this.names.commonName() + "]";
		}

	}

}
