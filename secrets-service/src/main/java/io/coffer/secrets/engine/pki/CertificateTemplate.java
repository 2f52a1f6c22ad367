package io.coffer.secrets.engine.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;

/**
 * What goes into one certificate.
 *
 * @param commonName the subject's CN; empty for none
 * @param dnsNames DNS subject alternative names
 * @param emails e-mail subject alternative names
 * @param ips IP subject alternative names
 * @param publicKey the subject's key
 * @param serial the serial number
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param usage CA or leaf, and the leaf's extended key usages
 */
record CertificateTemplate(String commonName, List<String> dnsNames, List<String> emails, List<InetAddress> ips,
		PublicKey publicKey, BigInteger serial, Instant notBefore, Instant notAfter, Usage usage) {

	CertificateTemplate {
		dnsNames = List.copyOf(dnsNames);
		emails = List.copyOf(emails);
		ips = List.copyOf(ips);
	}

	/**
	 * @param ca a CA certificate (basic constraints CA, may sign certificates and CRLs)
	 * @param serverAuth the {@code serverAuth} extended key usage (leaves)
	 * @param clientAuth the {@code clientAuth} extended key usage (leaves)
	 */
	record Usage(boolean ca, boolean serverAuth, boolean clientAuth) {

		static final Usage CA = new Usage(true, false, false);

	}

}
