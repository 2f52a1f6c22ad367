package io.coffer.secrets.auth.kubernetes;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.FieldSchema;
import io.coffer.secrets.token.Fields;

/**
 * A kubernetes mount's {@code config}: where the Kubernetes API is, how to trust it and
 * authenticate to it, and how service-account JWTs are checked before the TokenReview.
 *
 * @param host {@code kubernetes_host}: the API server's base URL
 * @param caCert {@code kubernetes_ca_cert}: PEM CA certificates trusted for the API
 * server, empty = the pod's own CA (unless {@code disable_local_ca_jwt}) or the JDK's
 * @param tokenReviewerJwt {@code token_reviewer_jwt}: bearer token for the TokenReview
 * call, empty = the pod's own token (unless {@code disable_local_ca_jwt}) or the login's
 * JWT; never returned by a read
 * @param pemKeys {@code pem_keys}: PEM public keys or certificates that must have signed
 * a login's JWT, empty = no local signature check
 * @param issuer {@code issuer}: the {@code iss} a JWT must carry when issuer validation
 * is on
 * @param disableIssValidation {@code disable_iss_validation} (Vault's default: true)
 * @param disableLocalCaJwt {@code disable_local_ca_jwt}
 */
record KubernetesConfig(String host, String caCert, String tokenReviewerJwt, List<String> pemKeys, String issuer,
		boolean disableIssValidation, boolean disableLocalCaJwt) {

	static final FieldSchema FIELDS = FieldSchema.of(
			List.of("kubernetes_host", "kubernetes_ca_cert", "token_reviewer_jwt", "pem_keys", "issuer",
					"disable_iss_validation", "disable_local_ca_jwt"),
			Map.of("use_annotations_as_alias_metadata",
					"service account annotations are not read; alias metadata comes from the JWT only"));

	KubernetesConfig {
		pemKeys = List.copyOf(pemKeys);
	}

	/**
	 * A configuration from a write, checked as Vault checks it.
	 * @throws VaultException 400 with Vault's message, nothing stored
	 */
	static KubernetesConfig of(Fields fields) {
		String host = fields.string("kubernetes_host");
		if (host.isEmpty()) {
			throw VaultException.badRequest("no host provided");
		}
		String caCert = fields.exact("kubernetes_ca_cert");
		if (!caCert.isEmpty() && !hasCertificates(caCert)) {
			throw VaultException.badRequest("The provided CA PEM data contains no valid certificates");
		}
		KubernetesConfig config = new KubernetesConfig(host, caCert, fields.string("token_reviewer_jwt"),
				fields.list("pem_keys"), fields.string("issuer"), fields.bool("disable_iss_validation", true),
				fields.bool("disable_local_ca_jwt", false));
		try {
			ServiceAccountKeys.parse(config.pemKeys);
			HostUrl.of(host);
		}
		catch (IllegalArgumentException ex) {
			throw VaultException.badRequest(ex.getMessage());
		}
		return config;
	}

	/** Vault's read: {@code token_reviewer_jwt} itself is never returned. */
	Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("kubernetes_host", this.host);
		out.put("kubernetes_ca_cert", this.caCert);
		out.put("pem_keys", this.pemKeys);
		out.put("issuer", this.issuer);
		out.put("disable_iss_validation", this.disableIssValidation);
		out.put("disable_local_ca_jwt", this.disableLocalCaJwt);
		out.put("token_reviewer_jwt_set", !this.tokenReviewerJwt.isEmpty());
		out.put("use_annotations_as_alias_metadata", false);
		return out;
	}

	/** The {@code iss} every JWT must carry, or null when the issuer is not checked. */
	String expectedIssuer() {
		return (this.disableIssValidation || this.issuer.isEmpty()) ? null : this.issuer;
	}

	static boolean hasCertificates(String pem) {
		try {
			return !CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))
				.isEmpty();
		}
		catch (CertificateException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "KubernetesConfig[host=" + this.host + "]";
	}

}
