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
 * @param tokenType {@code token_type}: {@code service} or {@code batch} fix the type of
 * its tokens, {@code default-service} or {@code default-batch} only default it
 */
record TokenRole(String name, List<String> allowedPolicies, List<String> disallowedPolicies, boolean orphan,
		boolean renewable, String pathSuffix, long explicitMaxTtl, long period, int numUses, boolean noDefaultPolicy,
		List<String> allowedPoliciesGlob, List<String> disallowedPoliciesGlob, List<String> boundCidrs,
		String tokenType) {

	static final String SERVICE = "service";

	static final String BATCH = "batch";

	static final String DEFAULT_SERVICE = "default-service";

	static final String DEFAULT_BATCH = "default-batch";

	TokenRole {
		allowedPolicies = List.copyOf(allowedPolicies);
		disallowedPolicies = List.copyOf(disallowedPolicies);
		pathSuffix = (pathSuffix != null) ? pathSuffix : "";
		allowedPoliciesGlob = (allowedPoliciesGlob != null) ? List.copyOf(allowedPoliciesGlob) : List.of();
		disallowedPoliciesGlob = (disallowedPoliciesGlob != null) ? List.copyOf(disallowedPoliciesGlob) : List.of();
		boundCidrs = (boundCidrs != null) ? List.copyOf(boundCidrs) : List.of();
		// Roles stored before token types existed made service tokens by default.
		tokenType = (tokenType != null) ? tokenType : DEFAULT_SERVICE;
	}

	static TokenRole defaults(String name) {
		return new TokenRole(name, List.of(), List.of(), false, true, "", 0, 0, 0, false, List.of(), List.of(),
				List.of(), DEFAULT_SERVICE);
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
		String type = data.has("token_type") ? tokenType(data.string("token_type")) : this.tokenType;
		String cidrField = data.first("token_bound_cidrs", "bound_cidrs");
		TokenRole next = new TokenRole(this.name,
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
				data.has(cidrField) ? Cidrs.validate(data.list(cidrField), cidrField) : this.boundCidrs, type);
		next.requireBatchCompatible();
		return next;
	}

	private static String tokenType(String value) {
		return switch (value) {
			case SERVICE, BATCH, DEFAULT_SERVICE, DEFAULT_BATCH -> value;
			case "", "default" -> DEFAULT_SERVICE;
			default -> throw VaultException.badRequest("invalid 'token_type' value \"" + value + "\"");
		};
	}

	/**
	 * A role fixed to batch tokens must describe tokens a batch token can be (Vault's
	 * checks and messages); a role's use count is refused too, as a batch token has none.
	 */
	private void requireBatchCompatible() {
		if (!this.tokenType.equals(BATCH)) {
			return;
		}
		String problem = null;
		if (!this.orphan) {
			problem = "non-orphan tokens";
		}
		else if (this.period != 0) {
			problem = "periodic tokens";
		}
		else if (this.renewable) {
			problem = "renewable tokens";
		}
		else if (this.explicitMaxTtl != 0) {
			problem = "tokens with an explicit max TTL";
		}
		else if (this.numUses != 0) {
			problem = "tokens with limited use count";
		}
		if (problem != null) {
			throw VaultException.badRequest("'token_type' cannot be 'batch' when role is set to generate " + problem);
		}
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
		out.put("token_type", this.tokenType);
		return out;
	}

}
