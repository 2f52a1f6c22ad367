package io.coffer.secrets.engine.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import io.coffer.secrets.kernel.VaultException;

/**
 * PEM and DER encodings of certificates, CRLs, CSRs and private keys (Bouncy Castle's PEM
 * writer and parser). PEM texts carry no trailing newline, as Vault returns them.
 */
final class Pem {

	private Pem() {
	}

	static String certificate(X509Certificate certificate) {
		return write(certificate);
	}

	static String crl(X509CRL crl) {
		return write(crl);
	}

	static X509Certificate parseCertificate(byte[] der) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (CertificateException ex) {
			throw new VaultException(500, "could not decode a stored certificate");
		}
	}

	static X509CRL parseCrl(byte[] der) {
		try {
			return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
		}
		catch (GeneralSecurityException ex) {
			throw new VaultException(500, "could not decode a stored CRL");
		}
	}

	static byte[] encoded(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (CertificateException ex) {
			throw new VaultException(500, "could not encode a certificate");
		}
	}

	/**
	 * A CSR in PEM ({@code CERTIFICATE REQUEST} or {@code NEW CERTIFICATE REQUEST}), with
	 * Vault's message when it is not one.
	 */
	static PKCS10CertificationRequest parseCsr(String pem) {
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			Object object = parser.readObject();
			if (object instanceof PKCS10CertificationRequest csr) {
				return csr;
			}
		}
		catch (IOException | RuntimeException ex) {
			// Falls through to Vault's answer for anything that is not a CSR.
		}
		throw VaultException.badRequest("certificate request could not be parsed");
	}

	/**
	 * A private key as Vault returns it: the key type's own structure (PKCS#1 for RSA,
	 * SEC 1 for EC, PKCS#8 for Ed25519) unless {@code pkcs8} is asked, in PEM or as
	 * base64 DER.
	 */
	static String privateKey(PrivateKey key, boolean pkcs8, boolean der) {
		try {
			PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
			boolean traditional = !pkcs8 && !"Ed25519".equalsIgnoreCase(key.getAlgorithm())
					&& !"EdDSA".equalsIgnoreCase(key.getAlgorithm());
			if (der) {
				byte[] bytes = traditional ? info.parsePrivateKey().toASN1Primitive().getEncoded() : info.getEncoded();
				return Base64.getEncoder().encodeToString(bytes);
			}
			return traditional ? write(key) : write(new JcaPKCS8Generator(key, null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Restores a private key stored as PKCS#8 DER. */
	static PrivateKey readPkcs8(String algorithm, byte[] pkcs8) {
		try {
			return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		}
		catch (GeneralSecurityException ex) {
			throw new VaultException(500, "could not decode a stored key");
		}
	}

	static String base64(byte[] der) {
		return Base64.getEncoder().encodeToString(der);
	}

	private static String write(Object object) {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString().strip();
	}

}
