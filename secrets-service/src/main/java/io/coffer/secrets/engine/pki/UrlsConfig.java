package io.coffer.secrets.engine.pki;

import java.util.List;

/**
 * {@code config/urls}: the URLs written into every certificate issued afterwards.
 *
 * @param issuingCertificates the Authority Information Access "CA Issuers" URLs
 * @param crlDistributionPoints the CRL Distribution Points
 * @param ocspServers the Authority Information Access OCSP URLs
 */
record UrlsConfig(List<String> issuingCertificates, List<String> crlDistributionPoints, List<String> ocspServers) {

	static final UrlsConfig NONE = new UrlsConfig(List.of(), List.of(), List.of());

	UrlsConfig {
		issuingCertificates = List.copyOf(issuingCertificates);
		crlDistributionPoints = List.copyOf(crlDistributionPoints);
		ocspServers = List.copyOf(ocspServers);
	}

}
