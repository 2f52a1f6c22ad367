package io.coffer.secrets.engine.pki;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A role: what {@code issue/<role>} and {@code sign/<role>} may put into a certificate.
 * Defaults are Vault's.
 */
record PkiRole(long ttlSeconds, long maxTtlSeconds, Names names, boolean allowIpSans, boolean serverFlag,
		boolean clientFlag, String keyType, int keyBits, boolean noStore, boolean generateLease, boolean requireCn,
		String issuerRef) {

	static final PkiRole DEFAULTS = new PkiRole(0, 0, Names.DEFAULTS, true, true, true, KeySpec.RSA, 2048, false, false,
			true, "default");

	PkiRole {
		issuerRef = (issuerRef == null || issuerRef.isEmpty()) ? "default" : issuerRef;
	}

	/**
	 * The name rules of a role.
	 */
	record Names(List<String> allowedDomains, boolean allowLocalhost, boolean allowBareDomains, boolean allowSubdomains,
			boolean allowGlobDomains, boolean allowWildcardCertificates, boolean allowAnyName,
			boolean enforceHostnames) {

		static final Names DEFAULTS = new Names(List.of(), true, false, false, false, true, false, true);

		Names {
			allowedDomains = List.copyOf(allowedDomains);
		}

	}

	KeySpec keySpec() {
		return new KeySpec(this.keyType, this.keyBits);
	}

	/** The role as {@code GET roles/<name>} shows it (TTLs in seconds). */
	Map<String, Object> toResponse() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("allow_any_name", this.names.allowAnyName());
		data.put("allow_bare_domains", this.names.allowBareDomains());
		data.put("allow_glob_domains", this.names.allowGlobDomains());
		data.put("allow_ip_sans", this.allowIpSans);
		data.put("allow_localhost", this.names.allowLocalhost());
		data.put("allow_subdomains", this.names.allowSubdomains());
		data.put("allow_wildcard_certificates", this.names.allowWildcardCertificates());
		data.put("allowed_domains", this.names.allowedDomains());
		data.put("client_flag", this.clientFlag);
		data.put("enforce_hostnames", this.names.enforceHostnames());
		data.put("generate_lease", this.generateLease);
		data.put("issuer_ref", this.issuerRef);
		data.put("key_bits", this.keyBits);
		data.put("key_type", this.keyType);
		data.put("max_ttl", this.maxTtlSeconds);
		data.put("no_store", this.noStore);
		data.put("require_cn", this.requireCn);
		data.put("server_flag", this.serverFlag);
		data.put("ttl", this.ttlSeconds);
		return data;
	}

}
