package io.coffer.secrets.engine.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.coffer.secrets.kernel.VaultException;

/**
 * Builds and signs X.509 certificates and CRLs with Bouncy Castle: self-signed roots and
 * leaves signed by a CA of the mount, with the extensions Vault writes (basic
 * constraints, key usage, extended key usage, key identifiers, subject alternative names,
 * AIA and CRL distribution points from {@code config/urls}).
 */
final class CertificateSigner {

	private CertificateSigner() {
	}

	/**
	 * The signing side of a certificate.
	 *
	 * @param certificate the CA certificate, or null for a self-signed certificate
	 * @param key the key that signs
	 * @param spec its type and size (names the signature algorithm)
	 */
	record Signer(X509Certificate certificate, PrivateKey key, KeySpec spec) {

		@Override
		public String toString() {
			return "Signer[" + this.spec + "]";
		}

	}

	static X509Certificate sign(CertificateTemplate template, Signer signer, UrlsConfig urls) {
		try {
			X500Name subject = subject(template.commonName());
			X500Name issuer = (signer.certificate() != null)
					? X500Name.getInstance(signer.certificate().getSubjectX500Principal().getEncoded()) : subject;
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, template.serial(),
					Date.from(template.notBefore()), Date.from(template.notAfter()), subject, template.publicKey());
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					utils.createSubjectKeyIdentifier(template.publicKey()));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					(signer.certificate() != null) ? utils.createAuthorityKeyIdentifier(signer.certificate())
							: utils.createAuthorityKeyIdentifier(template.publicKey()));
			extensions(builder, template, urls);
			X509CertificateHolder holder = builder.build(contentSigner(signer));
			return new JcaX509CertificateConverter().getCertificate(holder);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new VaultException(500, "could not build the certificate");
		}
	}

	/** A CRL of {@code issuer} listing {@code revoked}, valid for {@code validity}. */
	static X509CRL crl(Signer signer, List<RevokedCert> revoked, long number, Instant now, Instant nextUpdate) {
		try {
			X500Name issuer = X500Name.getInstance(signer.certificate().getSubjectX500Principal().getEncoded());
			X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(now));
			builder.setNextUpdate(Date.from(nextUpdate));
			for (RevokedCert cert : revoked) {
				builder.addCRLEntry(new BigInteger(cert.serial().replace(":", ""), 16),
						Date.from(Instant.ofEpochSecond(cert.revocationTime())), CRLReason.unspecified);
			}
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(signer.certificate()));
			builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
			X509CRLHolder holder = builder.build(contentSigner(signer));
			return new JcaX509CRLConverter().getCRL(holder);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new VaultException(500, "could not build the CRL");
		}
	}

	private static void extensions(X509v3CertificateBuilder builder, CertificateTemplate template, UrlsConfig urls)
			throws IOException {
		CertificateTemplate.Usage usage = template.usage();
		if (usage.ca()) {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
		}
		else {
			boolean rsa = "RSA".equals(template.publicKey().getAlgorithm());
			int bits = KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment | KeyUsage.keyAgreement : 0);
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(bits));
			List<KeyPurposeId> purposes = new ArrayList<>();
			if (usage.serverAuth()) {
				purposes.add(KeyPurposeId.id_kp_serverAuth);
			}
			if (usage.clientAuth()) {
				purposes.add(KeyPurposeId.id_kp_clientAuth);
			}
			if (!purposes.isEmpty()) {
				builder.addExtension(Extension.extendedKeyUsage, false,
						new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
			}
		}
		List<GeneralName> names = new ArrayList<>();
		template.dnsNames().forEach((name) -> names.add(new GeneralName(GeneralName.dNSName, name)));
		template.emails().forEach((name) -> names.add(new GeneralName(GeneralName.rfc822Name, name)));
		for (InetAddress ip : template.ips()) {
			names.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress()));
		}
		if (!names.isEmpty()) {
			builder.addExtension(Extension.subjectAlternativeName, template.commonName().isEmpty(),
					new GeneralNames(names.toArray(GeneralName[]::new)));
		}
		List<AccessDescription> access = new ArrayList<>();
		urls.issuingCertificates()
			.forEach((url) -> access.add(new AccessDescription(AccessDescription.id_ad_caIssuers,
					new GeneralName(GeneralName.uniformResourceIdentifier, url))));
		urls.ocspServers()
			.forEach((url) -> access.add(new AccessDescription(AccessDescription.id_ad_ocsp,
					new GeneralName(GeneralName.uniformResourceIdentifier, url))));
		if (!access.isEmpty()) {
			builder.addExtension(Extension.authorityInfoAccess, false,
					new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)));
		}
		if (!urls.crlDistributionPoints().isEmpty()) {
			DistributionPoint[] points = urls.crlDistributionPoints()
				.stream()
				.map((url) -> new DistributionPoint(
						new DistributionPointName(
								new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))),
						null, null))
				.toArray(DistributionPoint[]::new);
			builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
		}
	}

	private static X500Name subject(String commonName) {
		X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
		if (!commonName.isEmpty()) {
			name.addRDN(BCStyle.CN, commonName);
		}
		return name.build();
	}

	private static ContentSigner contentSigner(Signer signer) {
		try {
			return new JcaContentSignerBuilder(signer.spec().signatureAlgorithm()).build(signer.key());
		}
		catch (OperatorCreationException ex) {
			throw new VaultException(500, "could not sign with the CA key");
		}
	}

}
