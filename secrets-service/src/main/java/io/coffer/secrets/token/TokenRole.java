package io.coffer.secrets.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.identity.Cidrs;
import io.coffer.secrets.kernel.VaultException;

/**
 * A token role ({@code auth/token/roles/:name}): what tokens created through
 * {@code auth/token/create/:name} may and must look like.
 *
 * @param name the role name
 * @param allowedPolicies policies a token may ask for; when set, the parent's policies do
 * not limit them
 * @param disallowedPolicies policies a token may never get
 * @param orphan whether its tokens have no parent
 * @param renewable whether its tokens may be renewed
 * @param pathSuffix appended to the creation path, to revoke a role revision by prefix
 * @param explicitMaxTtl seconds, 0 = none
 * @param period seconds, 0 = not periodic
 * @param numUses uses of each token, 0 = unlimited
 * @param noDefaultPolicy whether {@code default} is left out
 * @param allowedPoliciesGlob glob patterns of policies a token may ask for
 * @param disallowedPoliciesGlob glob patterns of policies a token may never get
 * @param boundCidrs where its tokens may be used from ({@code token_bound_cidrs}, legacy
 * {@code bound_cidrs}), empty = anywhere
 */
record TokenRole(String name, List<String> allowedPolicies, List<String> disallowedPolicies, boolean orphan,
		boolean renewable, String pathSuffix, long explicitMaxTtl, long period, int numUses, boolean noDefaultPolicy,
		List<String> allowedPoliciesGlob, List<String> disallowedPoliciesGlob, List<String> boundCidrs) {

	TokenRole {
		allowedPolicies = List.copyOf(allowedPolicies);
		disallowedPolicies = List.copyOf(disallowedPolicies);
		pathSuffix = (pathSuffix != null) ? pathSuffix : "";
		allowedPoliciesGlob = (allowedPoliciesGlob != null) ? List.copyOf(allowedPoliciesGlob) : List.of();
		disallowedPoliciesGlob = (disallowedPoliciesGlob != null) ? List.copyOf(disallowedPoliciesGlob) : List.of();
		boundCidrs = (boundCidrs != null) ? List.copyOf(boundCidrs) : List.of();
	}

	static TokenRole defaults(String name) {
		return new TokenRole(name, List.of(), List.of(), false, true, "", 0, 0, 0, false, List.of(), List.of(),
				List.of());
	}

	/** Whether the role limits policies itself (then the parent's do not). */
	boolean decidesPolicies() {
		return !this.allowedPolicies.isEmpty() || !this.disallowedPolicies.isEmpty()
				|| !this.allowedPoliciesGlob.isEmpty() || !this.disallowedPoliciesGlob.isEmpty();
	}

	/** This role with the fields present in {@code data} applied (Vault's update). */
	TokenRole updatedWith(Fields data) {
		String suffix = data.has("path_suffix") ? data.string("path_suffix") : this.pathSuffix;
		if (suffix.contains("..")) {
			throw VaultException.badRequest("error registering path suffix: path suffix cannot contain '..'");
		}
		String maxField = data.first("token_explicit_max_ttl", "explicit_max_ttl");
		String periodField = data.first("token_period", "period");
		int uses = data.has("token_num_uses") ? data.integer("token_num_uses") : this.numUses;
		if (uses < 0) {
			throw VaultException.badRequest("token_num_uses cannot be negative");
		}
		String type = data.string("token_type");
		if (!type.isEmpty() && !type.equals("service") && !type.equals("default-service") && !type.equals("default")) {
			throw VaultException.badRequest("only service tokens are supported");
		}
		String cidrField = data.first("token_bound_cidrs", "bound_cidrs");
		return new TokenRole(this.name,
				data.has("allowed_policies") ? PolicyNames.sanitize(data.list("allowed_policies"), false)
						: this.allowedPolicies,
				data.has("disallowed_policies") ? PolicyNames.sanitize(data.list("disallowed_policies"), false)
						: this.disallowedPolicies,
				data.bool("orphan", this.orphan), data.bool("renewable", this.renewable), suffix,
				data.has(maxField) ? data.seconds(maxField) : this.explicitMaxTtl,
				data.has(periodField) ? data.seconds(periodField) : this.period, uses,
				data.bool("token_no_default_policy", this.noDefaultPolicy),
				data.has("allowed_policies_glob") ? globs(data.list("allowed_policies_glob"))
						: this.allowedPoliciesGlob,
				data.has("disallowed_policies_glob") ? globs(data.list("disallowed_policies_glob"))
						: this.disallowedPoliciesGlob,
				data.has(cidrField) ? Cidrs.validate(data.list(cidrField), cidrField) : this.boundCidrs);
	}

	/** Vault keeps glob patterns sanitized like policy names, without adding default. */
	private static List<String> globs(List<String> patterns) {
		return PolicyNames.sanitize(patterns, false);
	}

	Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("allowed_entity_aliases", null);
		out.put("allowed_policies", this.allowedPolicies);
		out.put("allowed_policies_glob", this.allowedPoliciesGlob);
		out.put("disallowed_policies", this.disallowedPolicies);
		out.put("disallowed_policies_glob", this.disallowedPoliciesGlob);
		out.put("explicit_max_ttl", this.explicitMaxTtl);
		out.put("name", this.name);
		out.put("orphan", this.orphan);
		out.put("path_suffix", this.pathSuffix);
		out.put("period", this.period);
		out.put("renewable", this.renewable);
		out.put("token_bound_cidrs", this.boundCidrs);
		out.put("token_explicit_max_ttl", this.explicitMaxTtl);
		out.put("token_no_default_policy", this.noDefaultPolicy);
		out.put("token_num_uses", this.numUses);
		out.put("token_period", this.period);
		out.put("token_type", "default-service");
		return out;
	}

}
