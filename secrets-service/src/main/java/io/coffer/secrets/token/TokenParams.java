package io.coffer.secrets.token;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.identity.Cidrs;
import io.coffer.secrets.kernel.VaultException;

/**
 * The {@code token_*} settings an auth method keeps per role or user (Vault's
 * {@code tokenutil.TokenParams}): what a login's token gets.
 *
 * @param policies {@code token_policies} (legacy {@code policies})
 * @param noDefaultPolicy {@code token_no_default_policy}
 * @param ttl {@code token_ttl} in seconds, 0 = the mount's default
 * @param maxTtl {@code token_max_ttl} in seconds, 0 = the mount's maximum
 * @param explicitMaxTtl {@code token_explicit_max_ttl} in seconds, 0 = none
 * @param period {@code token_period} in seconds, 0 = not periodic
 * @param numUses {@code token_num_uses}, 0 = unlimited
 * @param boundCidrs {@code token_bound_cidrs}: where the login's token may be used from,
 * empty = anywhere
 * @param tokenType {@code token_type}: {@code default} (the auth mount decides),
 * {@code service}, {@code batch}, {@code default-service} or {@code default-batch}
 */
public record TokenParams(List<String> policies, boolean noDefaultPolicy, long ttl, long maxTtl, long explicitMaxTtl,
		long period, int numUses, List<String> boundCidrs, String tokenType) {

	public static final TokenParams NONE = new TokenParams(List.of(), false, 0, 0, 0, 0, 0);

	/** Vault's {@code token_type} when a role or user sets none: the mount decides. */
	public static final String DEFAULT_TYPE = "default";

	public TokenParams {
		policies = List.copyOf(policies);
		boundCidrs = (boundCidrs != null) ? List.copyOf(boundCidrs) : List.of();
		// Settings stored before token types existed let the mount decide.
		tokenType = (tokenType != null && !tokenType.isEmpty()) ? tokenType : DEFAULT_TYPE;
	}

	/** Settings letting the auth mount decide the token type. */
	public TokenParams(List<String> policies, boolean noDefaultPolicy, long ttl, long maxTtl, long explicitMaxTtl,
			long period, int numUses, List<String> boundCidrs) {
		this(policies, noDefaultPolicy, ttl, maxTtl, explicitMaxTtl, period, numUses, boundCidrs, DEFAULT_TYPE);
	}

	/** Settings without address bounds. */
	public TokenParams(List<String> policies, boolean noDefaultPolicy, long ttl, long maxTtl, long explicitMaxTtl,
			long period, int numUses) {
		this(policies, noDefaultPolicy, ttl, maxTtl, explicitMaxTtl, period, numUses, List.of());
	}

	/** These settings with the token bound to {@code cidrs} instead. */
	public TokenParams withBoundCidrs(List<String> cidrs) {
		return new TokenParams(this.policies, this.noDefaultPolicy, this.ttl, this.maxTtl, this.explicitMaxTtl,
				this.period, this.numUses, cidrs, this.tokenType);
	}

	/**
	 * These settings with the fields present in {@code fields} applied; each field may
	 * also be given by its legacy name ({@code policies}, {@code ttl}, {@code max_ttl},
	 * {@code period}).
	 */
	public TokenParams updatedWith(Fields fields) {
		String policiesField = fields.first("token_policies", "policies");
		String ttlField = fields.first("token_ttl", "ttl");
		String maxField = fields.first("token_max_ttl", "max_ttl");
		String periodField = fields.first("token_period", "period");
		String cidrField = fields.first("token_bound_cidrs", "bound_cidrs");
		TokenParams next = new TokenParams(
				fields.has(policiesField) ? PolicyNames.sanitize(fields.list(policiesField), false) : this.policies,
				fields.bool("token_no_default_policy", this.noDefaultPolicy),
				fields.has(ttlField) ? fields.seconds(ttlField) : this.ttl,
				fields.has(maxField) ? fields.seconds(maxField) : this.maxTtl,
				fields.has("token_explicit_max_ttl") ? fields.seconds("token_explicit_max_ttl") : this.explicitMaxTtl,
				fields.has(periodField) ? fields.seconds(periodField) : this.period,
				fields.has("token_num_uses") ? fields.integer("token_num_uses") : this.numUses,
				fields.has(cidrField) ? Cidrs.validate(fields.list(cidrField), cidrField) : this.boundCidrs,
				fields.has("token_type") ? tokenType(fields.string("token_type")) : this.tokenType);
		if (next.tokenType.endsWith(TokenRole.BATCH) && next.period != 0) {
			throw VaultException
				.badRequest("'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens");
		}
		if (next.tokenType.endsWith(TokenRole.BATCH) && next.numUses != 0) {
			throw VaultException.badRequest(
					"'token_type' cannot be 'batch' or 'default_batch' when set to generate tokens with limited use count");
		}
		if (next.numUses < 0) {
			throw VaultException.badRequest("token_num_uses cannot be negative");
		}
		if (next.maxTtl > 0 && next.ttl > next.maxTtl) {
			throw VaultException.badRequest("\"token_ttl\" cannot be greater than \"token_max_ttl\"");
		}
		return next;
	}

	/** Vault's read shape of these fields, added to {@code out}. */
	public void describeInto(Map<String, Object> out) {
		out.put("token_bound_cidrs", this.boundCidrs);
		out.put("token_explicit_max_ttl", this.explicitMaxTtl);
		out.put("token_max_ttl", this.maxTtl);
		out.put("token_no_default_policy", this.noDefaultPolicy);
		out.put("token_num_uses", this.numUses);
		out.put("token_period", this.period);
		out.put("token_policies", this.policies);
		out.put("token_ttl", this.ttl);
		out.put("token_type", this.tokenType);
	}

	private static String tokenType(String value) {
		return switch (value) {
			case "", DEFAULT_TYPE -> DEFAULT_TYPE;
			case TokenRole.SERVICE, TokenRole.BATCH, TokenRole.DEFAULT_SERVICE, TokenRole.DEFAULT_BATCH -> value;
			default -> throw VaultException.badRequest("invalid 'token_type' value \"" + value + "\"");
		};
	}

	/**
	 * Whether a login with these settings through a mount whose {@code token_type} is
	 * {@code mountType} issues a batch token, as Vault's router decides: a mount set to
	 * {@code service} or {@code batch} forces it; a {@code default-*} mount (or none)
	 * lets a role or user that names a type choose, else gives its default.
	 */
	public boolean issuesBatch(String mountType) {
		String mount = (mountType == null || mountType.isEmpty()) ? TokenRole.DEFAULT_SERVICE : mountType;
		return switch (mount) {
			case TokenRole.BATCH -> true;
			case TokenRole.SERVICE -> false;
			case TokenRole.DEFAULT_BATCH ->
				!this.tokenType.equals(TokenRole.SERVICE) && !this.tokenType.equals(TokenRole.DEFAULT_SERVICE);
			default -> this.tokenType.equals(TokenRole.BATCH) || this.tokenType.equals(TokenRole.DEFAULT_BATCH);
		};
	}

}
