package io.coffer.secrets.auth.jwt;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.VaultIntegers;
import io.coffer.secrets.token.FieldSchema;
import io.coffer.secrets.token.Fields;
import io.coffer.secrets.token.TokenParams;

/**
 * A jwt mount's role: what a JWT must carry to log in through it, which claims become the
 * token's metadata, and what the token gets.
 *
 * @param name lower-cased role name
 * @param roleType always {@code jwt} (OIDC roles are refused for now)
 * @param boundAudiences one of these must be in {@code aud}; empty = {@code aud} must be
 * absent
 * @param boundSubject the {@code sub} a JWT must carry, empty = any
 * @param boundClaims claim (name or JSON pointer) to the accepted value or values
 * @param boundClaimsType {@code string} (exact) or {@code glob} ({@code *} wildcards)
 * @param claimMappings claim (name or JSON pointer) to the metadata key it fills
 * @param userClaim the claim naming the user (the token's display name)
 * @param groupsClaim the claim listing the user's groups, empty = none
 * @param clockSkewLeeway seconds of clock skew allowed on every time claim; 0 = 60, below
 * 0 = none
 * @param expirationLeeway extra seconds after {@code exp}; 0 = 150, below 0 = none
 * @param notBeforeLeeway extra seconds before {@code nbf}; 0 = 150, below 0 = none
 * @param token what a login's token gets
 */
record JwtRole(String name, String roleType, List<String> boundAudiences, String boundSubject,
		Map<String, Object> boundClaims, String boundClaimsType, Map<String, String> claimMappings, String userClaim,
		String groupsClaim, long clockSkewLeeway, long expirationLeeway, long notBeforeLeeway, TokenParams token) {

	static final String GLOB = "glob";

	static final String STRING = "string";

	private static final String NO_OIDC_FLOW = "the OIDC authorization code flow is not implemented; use role_type jwt";

	static final FieldSchema FIELDS = FieldSchema.of(
			List.of("name", "role_type", "bound_audiences", "bound_subject", "bound_claims", "bound_claims_type",
					"claim_mappings", "user_claim", "groups_claim", "clock_skew_leeway", "expiration_leeway",
					"not_before_leeway", "policies", "ttl", "max_ttl", "period", "num_uses", "bound_cidrs"),
			Map.of("allowed_redirect_uris", NO_OIDC_FLOW, "oidc_scopes", NO_OIDC_FLOW, "max_age", NO_OIDC_FLOW,
					"verbose_oidc_logging", NO_OIDC_FLOW, "callback_mode", NO_OIDC_FLOW, "user_claim_json_pointer",
					"user_claim is always a top-level claim name", "groups_claim_delimiter_pattern",
					"delimited group claims are not implemented"))
		.with(FieldSchema.TOKEN_FIELDS);

	/** Metadata keys a claim mapping may not fill (Vault's {@code reservedMetadata}). */
	private static final Set<String> RESERVED_METADATA = Set.of("role");

	JwtRole {
		boundAudiences = List.copyOf(boundAudiences);
		boundClaims = (boundClaims != null) ? Map.copyOf(boundClaims) : Map.of();
		claimMappings = (claimMappings != null) ? Map.copyOf(claimMappings) : Map.of();
	}

	static JwtRole create(String name) {
		return new JwtRole(name, "", List.of(), "", Map.of(), STRING, Map.of(), "", "", 0, 0, 0, TokenParams.NONE);
	}

	/**
	 * This role with the fields of a write applied, checked as Vault's
	 * {@code pathRoleCreateUpdate} checks it.
	 * @param data the write's body
	 * @throws VaultException 400 with Vault's message, the role unchanged
	 */
	JwtRole updatedWith(Map<String, Object> data) {
		Fields fields = FIELDS.accept(data);
		String type = fields.has("role_type") ? fields.string("role_type").toLowerCase(Locale.ROOT) : this.roleType;
		if (type.isEmpty() || type.equals("oidc")) {
			throw VaultException.badRequest("role_type \"oidc\" is not supported: the OIDC authorization code flow "
					+ "is not implemented; set role_type to \"jwt\"");
		}
		if (!type.equals("jwt")) {
			throw VaultException.badRequest("invalid 'role_type': " + type);
		}
		String claimsType = fields.has("bound_claims_type") ? fields.string("bound_claims_type") : this.boundClaimsType;
		if (!claimsType.equals(STRING) && !claimsType.equals(GLOB)) {
			throw VaultException.badRequest("invalid 'bound_claims_type': " + claimsType);
		}
		Map<String, Object> bound = fields.has("bound_claims") ? boundClaims(data.get("bound_claims"))
				: this.boundClaims;
		if (claimsType.equals(GLOB)) {
			requireGlobStrings(bound);
		}
		Map<String, String> mappings = fields.has("claim_mappings") ? claimMappings(fields) : this.claimMappings;
		JwtRole next = new JwtRole(this.name, type,
				fields.has("bound_audiences") ? fields.list("bound_audiences") : this.boundAudiences,
				fields.has("bound_subject") ? fields.string("bound_subject") : this.boundSubject, bound, claimsType,
				mappings, fields.has("user_claim") ? fields.string("user_claim") : this.userClaim,
				fields.has("groups_claim") ? fields.string("groups_claim") : this.groupsClaim,
				leeway(fields, data, "clock_skew_leeway", this.clockSkewLeeway),
				leeway(fields, data, "expiration_leeway", this.expirationLeeway),
				leeway(fields, data, "not_before_leeway", this.notBeforeLeeway), this.token.updatedWith(fields));
		if (next.userClaim.isEmpty()) {
			throw VaultException.badRequest("a user claim must be defined on the role");
		}
		if (next.boundAudiences.isEmpty() && next.token.boundCidrs().isEmpty() && next.boundSubject.isEmpty()
				&& next.boundClaims.isEmpty()) {
			throw VaultException.badRequest("must have at least one bound constraint when creating/updating a role");
		}
		return next;
	}

	Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("role_type", this.roleType);
		out.put("bound_audiences", this.boundAudiences);
		out.put("bound_subject", this.boundSubject);
		out.put("bound_claims", this.boundClaims.isEmpty() ? null : this.boundClaims);
		out.put("bound_claims_type", this.boundClaimsType);
		out.put("claim_mappings", this.claimMappings.isEmpty() ? null : this.claimMappings);
		out.put("user_claim", this.userClaim);
		out.put("groups_claim", this.groupsClaim);
		out.put("clock_skew_leeway", this.clockSkewLeeway);
		out.put("expiration_leeway", this.expirationLeeway);
		out.put("not_before_leeway", this.notBeforeLeeway);
		out.put("allowed_redirect_uris", List.of());
		out.put("oidc_scopes", List.of());
		out.put("verbose_oidc_logging", false);
		out.put("max_age", 0);
		out.put("policies", this.token.policies());
		this.token.describeInto(out);
		return out;
	}

	/**
	 * Vault's {@code TypeMap}: any JSON values; glob roles need strings (checked apart).
	 */
	private static Map<String, Object> boundClaims(Object raw) {
		if (!(raw instanceof Map<?, ?> map)) {
			throw VaultException.badRequest("invalid value for \"bound_claims\": expected a map");
		}
		Map<String, Object> out = new LinkedHashMap<>();
		map.forEach((key, value) -> out.put(String.valueOf(key), value));
		return out;
	}

	private static void requireGlobStrings(Map<String, Object> bound) {
		for (Object values : bound.values()) {
			List<?> list = (values instanceof List<?> items) ? items : List.of(values);
			for (Object value : list) {
				if (!(value instanceof String)) {
					throw VaultException.badRequest("claim is not a string: " + value);
				}
			}
		}
	}

	private static Map<String, String> claimMappings(Fields fields) {
		Map<String, String> mappings = fields.stringMap("claim_mappings");
		Set<String> targets = new LinkedHashSet<>();
		for (String target : mappings.values()) {
			if (RESERVED_METADATA.contains(target)) {
				throw VaultException
					.badRequest("metadata key \"" + target + "\" is reserved and may not be a mapping destination");
			}
			if (!targets.add(target)) {
				throw VaultException.badRequest("multiple keys are mapped to metadata key \"" + target + "\"");
			}
		}
		return mappings;
	}

	/**
	 * A leeway in seconds: a number (negative allowed: no leeway) or a Go duration.
	 */
	private static long leeway(Fields fields, Map<String, Object> data, String name, long fallback) {
		if (!fields.has(name)) {
			return fallback;
		}
		Object raw = data.get(name);
		if (raw instanceof Number || raw.toString().trim().matches("-?\\d+")) {
			return VaultIntegers.parseInt(raw, name, 0);
		}
		return fields.seconds(name);
	}

	@Override
	public String toString() {
		return "JwtRole[name=" + this.name + "]";
	}

}
