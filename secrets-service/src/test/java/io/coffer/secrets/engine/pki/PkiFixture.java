package io.coffer.secrets.engine.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.TestBarriers;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.InMemoryStorage;
import io.coffer.testsupport.time.TestClock;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A pki mount over an unsealed in-memory barrier, with a hand-moved clock. */
final class PkiFixture {

	static final Instant START = Instant.parse("2026-11-28T01:02:03Z");

	final InMemoryStorage storage = new InMemoryStorage();

	final Barrier barrier = TestBarriers.unsealed(this.storage);

	final TestClock clock = new TestClock(START);

	final String uuid = UUID.randomUUID().toString();

	/** Mount maximum 10 years, as operators tune a root CA's mount. */
	final MountEntry mount = new MountEntry("pki/", "pki", "", "pki_1a2b3c4d", this.uuid,
			new MountEntry.MountConfig(0, 315_360_000, false), Map.of());

	final SecretEngine engine = new PkiEngineFactory(this.clock, new SecureRandom()).create(this.mount,
			this.barrier.view("logical/" + this.uuid + "/"));

	LogicalResponse call(Operation operation, String path, Map<String, Object> data) {
		return this.engine.handle(new LogicalRequest(operation, path, data, this.mount, "req-1"));
	}

	/** A write, as the router would send it after the existence check. */
	LogicalResponse write(String path, Object... fields) {
		Map<String, Object> data = mapOf(fields);
		LogicalRequest probe = new LogicalRequest(Operation.UPDATE, path, data, this.mount, "req-1");
		return call(this.engine.exists(probe) ? Operation.UPDATE : Operation.CREATE, path, data);
	}

	LogicalResponse read(String path) {
		return call(Operation.READ, path, Map.of());
	}

	VaultException failure(String path, Object... fields) {
		return assertThatExceptionOfType(VaultException.class).isThrownBy(() -> write(path, fields)).actual();
	}

	/** A root CA (RSA 2048, 10 years) named {@code root-ca}. */
	Map<String, Object> root() {
		return write("root/generate/internal", "common_name", "Coffer Test Root", "ttl", "87600h", "issuer_name",
				"root-ca")
			.data();
	}

	X509Certificate ca() {
		return certificate((String) read("cert/ca").data().get("certificate"));
	}

	static X509Certificate certificate(String pem) {
		return certificate(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	static X509Certificate certificate(byte[] encoded) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(encoded));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static X509CRL crl(byte[] encoded) {
		try (InputStream in = new ByteArrayInputStream(encoded)) {
			return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
		}
		catch (IOException | java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The JDK's PKIX validation of {@code leaf} against {@code ca} at the fixture's time.
	 */
	void validate(X509Certificate leaf, X509Certificate ca) throws java.security.GeneralSecurityException {
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
		parameters.setRevocationEnabled(false);
		parameters.setDate(Date.from(this.clock.instant()));
		CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
	}

	static KeyPair ecKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A PEM CSR for {@code cn} with DNS subject alternative names, signed by
	 * {@code keys}.
	 */
	static String csr(KeyPair keys, String cn, String... dnsNames) {
		try {
			JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
					new X500Name("CN=" + cn), keys.getPublic());
			if (dnsNames.length > 0) {
				ExtensionsGenerator extensions = new ExtensionsGenerator();
				GeneralName[] names = java.util.Arrays.stream(dnsNames)
					.map((name) -> new GeneralName(GeneralName.dNSName, name))
					.toArray(GeneralName[]::new);
				extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
				builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
			}
			String algorithm = "EC".equals(keys.getPublic().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
			StringWriter out = new StringWriter();
			try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
				writer.writeObject(builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
			}
			return out.toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, Object> mapOf(Object... pairs) {
		Map<String, Object> out = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			out.put((String) pairs[i], pairs[i + 1]);
		}
		return out;
	}

}
