package io.coffer.secrets.auth.jwt;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust of {@code jwks_ca_pem} and {@code oidc_discovery_ca_pem}: only the given
 * CA certificates, or the JDK's when none are given.
 */
final class CaTrust {

	private CaTrust() {
	}

	/**
	 * @return a socket factory trusting only {@code pem}'s certificates, or null (the
	 * JDK's default trust) when {@code pem} is empty
	 * @throws IllegalArgumentException Vault's message when no certificate can be read
	 */
	static SSLSocketFactory socketFactory(String pem) {
		if (pem.isBlank()) {
			return null;
		}
		try {
			Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
			if (certificates.isEmpty()) {
				throw new IllegalArgumentException("could not parse CA PEM value successfully");
			}
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			int i = 0;
			for (Certificate certificate : certificates) {
				store.setCertificateEntry("ca-" + i++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context.getSocketFactory();
		}
		catch (GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalArgumentException("could not parse CA PEM value successfully", ex);
		}
	}

}
