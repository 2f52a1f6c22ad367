package io.coffer.secrets.engine.pki;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code config/urls}: {@code issuing_certificates}, {@code crl_distribution_points} and
 * {@code ocsp_servers}, written into every certificate issued afterwards. A write keeps
 * the fields it does not name.
 */
final class UrlsPath {

	private final PkiStore store;

	UrlsPath(PkiStore store) {
		this.store = store;
	}

	LogicalResponse read() {
		return LogicalResponse.data(response(this.store.urls()));
	}

	LogicalResponse write(LogicalRequest request) {
		UrlsConfig old = this.store.urls();
		Map<String, Object> data = request.data();
		UrlsConfig urls = new UrlsConfig(urls(data, "issuing_certificates", old.issuingCertificates()),
				urls(data, "crl_distribution_points", old.crlDistributionPoints()),
				urls(data, "ocsp_servers", old.ocspServers()));
		this.store.putUrls(urls);
		return LogicalResponse.data(response(urls));
	}

	private static List<String> urls(Map<String, Object> data, String field, List<String> fallback) {
		List<String> urls = PkiFields.commaList(data, field, fallback);
		for (String url : urls) {
			try {
				URI uri = new URI(url);
				if (uri.getScheme() == null) {
					throw new URISyntaxException(url, "no scheme");
				}
			}
			catch (URISyntaxException ex) {
				throw VaultException.badRequest("invalid URL found in " + field + ": " + url);
			}
		}
		return urls;
	}

	private static Map<String, Object> response(UrlsConfig urls) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("issuing_certificates", urls.issuingCertificates());
		data.put("crl_distribution_points", urls.crlDistributionPoints());
		data.put("ocsp_servers", urls.ocspServers());
		data.put("enable_templating", false);
		return data;
	}

}
