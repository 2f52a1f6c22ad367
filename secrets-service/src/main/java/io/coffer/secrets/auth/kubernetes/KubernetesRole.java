package io.coffer.secrets.auth.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.FieldSchema;
import io.coffer.secrets.token.Fields;
import io.coffer.secrets.token.TokenParams;

/**
 * A kubernetes mount's role: which service accounts may log in through it and what their
 * tokens get.
 *
 * @param name lower-cased role name
 * @param serviceAccountNames {@code bound_service_account_names}: names or globs, or the
 * single {@code *}
 * @param serviceAccountNamespaces {@code bound_service_account_namespaces}: namespaces or
 * globs, or the single {@code *}
 * @param namespaceSelector {@code bound_service_account_namespace_selector}: a label
 * selector (YAML or JSON, {@code matchLabels} only) admitting namespaces by their labels,
 * empty = none
 * @param audience the {@code aud} a JWT must carry, empty = any
 * @param aliasNameSource {@code serviceaccount_uid} or {@code serviceaccount_name}
 * @param token what a login's token gets
 */
record KubernetesRole(String name, List<String> serviceAccountNames, List<String> serviceAccountNamespaces,
		String namespaceSelector, String audience, String aliasNameSource, TokenParams token) {

	static final String SOURCE_UID = "serviceaccount_uid";

	static final String SOURCE_NAME = "serviceaccount_name";

	static final FieldSchema FIELDS = FieldSchema.of(List.of("name", "bound_service_account_names",
			"bound_service_account_namespaces", "bound_service_account_namespace_selector", "audience",
			"alias_name_source", "policies", "ttl", "max_ttl", "period", "num_uses", "bound_cidrs"), Map.of())
		.with(FieldSchema.TOKEN_FIELDS);

	KubernetesRole {
		serviceAccountNames = List.copyOf(serviceAccountNames);
		serviceAccountNamespaces = List.copyOf(serviceAccountNamespaces);
	}

	static KubernetesRole create(String name) {
		return new KubernetesRole(name, List.of(), List.of(), "", "", SOURCE_UID, TokenParams.NONE);
	}

	/**
	 * This role with the fields of a write applied, checked as Vault's
	 * {@code pathRoleCreateUpdate} checks it.
	 * @param maxLeaseTtl the mount's maximum lease TTL in seconds
	 * @return the role and Vault's warnings
	 * @throws VaultException 400 with Vault's message, the role unchanged
	 */
	Update updatedWith(Map<String, Object> data, long maxLeaseTtl) {
		Fields fields = FIELDS.accept(data);
		TokenParams params = this.token.updatedWith(fields);
		if (params.period() > maxLeaseTtl) {
			throw VaultException.badRequest("token period of '" + params.period()
					+ "s' is greater than the backend's maximum lease TTL of '" + maxLeaseTtl + "s'");
		}
		List<String> warnings = new ArrayList<>(FIELDS.warnings(data));
		if (params.maxTtl() > maxLeaseTtl) {
			warnings.add("max_ttl is greater than the system or backend mount's maximum TTL value; "
					+ "issued tokens' max TTL value will be truncated");
		}
		List<String> names = fields.has("bound_service_account_names") ? fields.list("bound_service_account_names")
				: this.serviceAccountNames;
		if (names.isEmpty()) {
			throw VaultException.badRequest("\"bound_service_account_names\" can not be empty");
		}
		if (names.size() > 1 && names.contains("*")) {
			throw VaultException.badRequest("can not mix \"*\" with values");
		}
		List<String> namespaces = fields.has("bound_service_account_namespaces")
				? fields.list("bound_service_account_namespaces") : this.serviceAccountNamespaces;
		// As Vault: every write sets the selector, to empty when the write names none.
		String selector = fields.string("bound_service_account_namespace_selector");
		if (namespaces.isEmpty() && selector.isEmpty()) {
			throw VaultException.badRequest("\"bound_service_account_namespaces\" can not be empty if "
					+ "\"bound_service_account_namespace_selector\" is not set");
		}
		if (!selector.isEmpty()) {
			try {
				NamespaceSelector.parse(selector);
			}
			catch (IllegalArgumentException ex) {
				throw VaultException.badRequest("invalid \"bound_service_account_namespace_selector\" configured");
			}
		}
		if (namespaces.size() > 1 && namespaces.contains("*")) {
			throw VaultException.badRequest("can not mix \"*\" with values");
		}
		String audience = fields.has("audience") ? fields.string("audience") : this.audience;
		if (audience.isBlank()) {
			warnings.add("Role " + this.name + " does not have an audience configured. While audiences are not "
					+ "required, consider specifying one if your use case would benefit from additional JWT "
					+ "claim verification.");
		}
		String source = fields.has("alias_name_source") ? fields.string("alias_name_source") : this.aliasNameSource;
		if (source.isEmpty()) {
			source = SOURCE_UID;
		}
		if (!source.equals(SOURCE_UID) && !source.equals(SOURCE_NAME)) {
			throw VaultException
				.badRequest("invalid alias_name_source, must be one of: " + SOURCE_UID + ", " + SOURCE_NAME);
		}
		return new Update(new KubernetesRole(this.name, names, namespaces, selector, audience, source, params),
				warnings);
	}

	/** Whether {@code name} may log in (the single {@code *} = any). */
	boolean allowsName(String name) {
		return (this.serviceAccountNames.size() == 1 && this.serviceAccountNames.get(0).equals("*"))
				|| Globs.anyMatches(this.serviceAccountNames, name);
	}

	/** Whether {@code namespace} may log in (the single {@code *} = any). */
	boolean allowsNamespace(String namespace) {
		return (!this.serviceAccountNamespaces.isEmpty() && this.serviceAccountNamespaces.get(0).equals("*"))
				|| Globs.anyMatches(this.serviceAccountNamespaces, namespace);
	}

	Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("bound_service_account_names", this.serviceAccountNames);
		out.put("bound_service_account_namespaces", this.serviceAccountNamespaces);
		out.put("bound_service_account_namespace_selector", this.namespaceSelector);
		if (!this.audience.isEmpty()) {
			out.put("audience", this.audience);
		}
		this.token.describeInto(out);
		out.put("alias_name_source", this.aliasNameSource);
		return out;
	}

	@Override
	public String toString() {
		return "KubernetesRole[name=" + this.name + "]";
	}

	/** A role write's result: the new role and the warnings of the response. */
	record Update(KubernetesRole role, List<String> warnings) {

	}

}
