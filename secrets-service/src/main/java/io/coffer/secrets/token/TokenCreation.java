package io.coffer.secrets.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.support.GoGlob;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * {@code auth/token/create}, {@code create-orphan} and {@code create/:role}, following
 * Vault's {@code handleCreateCommon}: who may set which field, which policies a child may
 * get, whether it has a parent, and its TTL.
 */
@Component
class TokenCreation {

	/**
	 * Vault's token create has no address binding and would ignore these; an address
	 * restriction that silently does nothing is refused instead.
	 */
	private static final String CREATE_WITH_ROLE = "token create takes no address binding; "
			+ "create the token through a token role with token_bound_cidrs";

	/** Vault's {@code auth/token/create*} fields. */
	static final FieldSchema FIELDS = FieldSchema.of(
			List.of("display_name", "explicit_max_ttl", "num_uses", "period", "renewable", "ttl", "lease", "type",
					"no_default_policy", "id", "meta", "no_parent", "policies", "role_name"),
			Map.of("entity_alias", "entity aliases are not implemented", "bound_cidrs", CREATE_WITH_ROLE,
					"token_bound_cidrs", CREATE_WITH_ROLE));

	private final TokenStore store;

	private final TokenIssuer issuer;

	private final SudoCheck sudo;

	TokenCreation(TokenStore store, TokenIssuer issuer, SudoCheck sudo) {
		this.store = store;
		this.issuer = issuer;
		this.sudo = sudo;
	}

	/**
	 * @param orphanPath whether this is {@code create-orphan}
	 * @param role the role of {@code create/:role}, or null
	 */
	LogicalResponse create(LogicalRequest request, Caller caller, boolean orphanPath, TokenRole role) {
		TokenEntry parent = caller.entry();
		if (parent.batch()) {
			throw VaultException.badRequest("batch tokens cannot create more tokens");
		}
		if (parent.numUses() != 0) {
			throw VaultException.badRequest("restricted use token cannot generate child tokens");
		}
		boolean isSudo = this.sudo.hasSudo(caller, request.fullPath());
		Fields fields = FIELDS.accept(request.data());
		boolean batch = batch(fields, role);
		int numUses = fields.integer("num_uses");
		if (numUses < 0) {
			throw VaultException.badRequest("number of uses cannot be negative");
		}
		boolean noDefault = fields.bool("no_default_policy", false) || (role != null && role.noDefaultPolicy());
		List<String> policies = policies(fields.list("policies"), parent, role, isSudo, noDefault);
		if (policies.contains(PolicyNames.ROOT) && !parent.isRoot()) {
			throw VaultException.badRequest("root tokens may not be created without parent token being root");
		}
		if (policies.contains(PolicyNames.ROOT) && batch) {
			throw VaultException.badRequest("batch tokens cannot be root tokens");
		}
		String customId = customId(fields.string("id"), isSudo);
		if (customId != null && batch) {
			// The value of a batch token is its sealed entry; a chosen value cannot be
			// one.
			throw VaultException.badRequest("batch tokens cannot have a custom ID");
		}
		String parentId = parentId(caller, fields, orphanPath, role, isSudo);
		long explicitMax = fields.seconds("explicit_max_ttl");
		long period = fields.seconds("period");
		if (period > 0 && !isSudo) {
			throw VaultException.badRequest("root or sudo privileges required to create periodic token");
		}
		long requestedTtl = fields.has("ttl") ? fields.seconds("ttl") : fields.seconds("lease");
		boolean renewable = !batch && fields.bool("renewable", true);
		List<String> warnings = new ArrayList<>(FIELDS.warnings(request.data()));
		if (role != null && batch && role.numUses() > 0) {
			throw VaultException.badRequest("batch tokens cannot have \"num_uses\" set");
		}
		if (role != null && !batch) {
			explicitMax = lesser(explicitMax, role.explicitMaxTtl(), "Explicit max TTL", warnings);
			period = lesser(period, role.period(), "Period", warnings);
			if (role.numUses() > 0 && (numUses == 0 || role.numUses() < numUses)) {
				numUses = role.numUses();
			}
			renewable = renewable && role.renewable();
		}
		TokenTtl limits = new TokenTtl(TokenBackend.MOUNT.effectiveDefaultTtl(), TokenBackend.MOUNT.effectiveMaxTtl(),
				explicitMax, period);
		long now = this.store.now();
		long ttl = requestedTtl;
		if (period > 0 || ttl > 0 || !policies.contains(PolicyNames.ROOT)) {
			TokenTtl.Result result = limits.calculate(requestedTtl, now, now);
			ttl = result.ttl();
			warnings.addAll(result.warnings());
		}
		if (ttl == 0 && explicitMax > 0) {
			ttl = explicitMax;
		}
		if (ttl == 0) {
			if (parent.expireTime() != 0) {
				throw VaultException.badRequest("expiring root tokens cannot create non-expiring root tokens");
			}
			renewable = false;
		}
		String path = "auth/token/" + request.path()
				+ ((role != null && !role.pathSuffix().isEmpty()) ? "/" + role.pathSuffix() : "");
		Map<String, String> meta = fields.stringMap("meta");
		TokenEntry draft = new TokenEntry("", policies, path, displayName(fields.string("display_name")), now, ttl,
				numUses, parentId.isEmpty(), meta, parentId, (ttl > 0) ? now + ttl : 0, 0, explicitMax, period,
				limits.maxTtl(), renewable, (role != null) ? role.name() : "", List.of(), batch, parent.entityId())
			.withBoundCidrs(boundCidrs(role, parent, parentId));
		return this.issuer.issue(draft, customId, new TokenIssuer.Origin("token", TokenBackend.MOUNT.path()), warnings);
	}

	/**
	 * Whether the new token is a batch token: the request's {@code type}, unless the role
	 * fixes it ({@code service}, {@code batch}) or supplies a default
	 * ({@code default-batch}). Batch tokens take no use count, period or explicit maximum
	 * TTL (Vault's checks and messages).
	 */
	private static boolean batch(Fields fields, TokenRole role) {
		String type = fields.string("type");
		if (role != null) {
			switch (role.tokenType()) {
				case TokenRole.SERVICE -> type = TokenRole.SERVICE;
				case TokenRole.BATCH -> type = TokenRole.BATCH;
				case TokenRole.DEFAULT_BATCH -> type = type.isEmpty() ? TokenRole.BATCH : type;
				default -> {
				}
			}
		}
		if (type.isEmpty() || type.equals(TokenRole.SERVICE)) {
			return false;
		}
		if (!type.equals(TokenRole.BATCH)) {
			throw VaultException.badRequest("invalid 'token_type' value");
		}
		for (String field : List.of("explicit_max_ttl", "num_uses", "period")) {
			boolean set = field.equals("num_uses") ? fields.integer(field) != 0 : fields.seconds(field) != 0;
			if (set) {
				throw VaultException.badRequest("batch tokens cannot have \"" + field + "\" set");
			}
		}
		return true;
	}

	private static List<String> policies(List<String> requested, TokenEntry parent, TokenRole role, boolean isSudo,
			boolean noDefault) {
		List<String> chosen;
		boolean addDefault = false;
		if (role != null && role.decidesPolicies()) {
			chosen = rolePolicies(requested, parent, role, noDefault);
		}
		else if (requested.isEmpty()) {
			chosen = PolicyNames.sanitize(parent.policies(), false);
		}
		else if (!isSudo) {
			chosen = PolicyNames.sanitize(requested, false);
			if (!PolicyNames.sanitize(parent.policies(), false).containsAll(chosen)) {
				throw VaultException.badRequest("child policies must be subset of parent");
			}
			addDefault = !noDefault && parent.policies().contains(PolicyNames.DEFAULT);
		}
		else {
			chosen = requested;
			addDefault = !noDefault;
		}
		List<String> out = PolicyNames.sanitize(chosen, addDefault);
		return noDefault ? out.stream().filter((name) -> !name.equals(PolicyNames.DEFAULT)).toList() : out;
	}

	/**
	 * A role with allowed or disallowed policies (or their globs) decides alone, parent
	 * aside, as Vault's {@code resolveTokenPolicies}.
	 */
	private static List<String> rolePolicies(List<String> requested, TokenEntry parent, TokenRole role,
			boolean noDefault) {
		boolean addDefault = !noDefault && !role.disallowedPolicies().contains(PolicyNames.DEFAULT)
				&& !GoGlob.anyMatches(role.disallowedPoliciesGlob(), PolicyNames.DEFAULT);
		List<String> chosen = requested.isEmpty() ? List.of() : PolicyNames.sanitize(requested, addDefault);
		if (!role.allowedPolicies().isEmpty() || !role.allowedPoliciesGlob().isEmpty()) {
			List<String> allowed = PolicyNames.sanitize(role.allowedPolicies(), addDefault);
			if (chosen.isEmpty()) {
				chosen = allowed;
			}
			else {
				for (String name : chosen) {
					if (!allowed.contains(name) && !GoGlob.anyMatches(role.allowedPoliciesGlob(), name)) {
						throw VaultException
							.badRequest("token policies " + chosen + " must be subset of the role's allowed policies "
									+ allowed + " or glob policies " + role.allowedPoliciesGlob());
					}
				}
			}
		}
		else if (chosen.isEmpty()) {
			chosen = PolicyNames.sanitize(parent.policies(), addDefault);
		}
		for (String name : chosen) {
			if (role.disallowedPolicies().contains(name) || GoGlob.anyMatches(role.disallowedPoliciesGlob(), name)) {
				throw VaultException.badRequest("token policy \"" + name + "\" is disallowed by this role");
			}
		}
		return chosen;
	}

	/**
	 * A role's tokens get its bounds; without a role a child keeps its parent's (Vault:
	 * roles may widen, plain children never escape their parent's bounds).
	 */
	private static List<String> boundCidrs(TokenRole role, TokenEntry parent, String parentId) {
		if (role != null) {
			return role.boundCidrs();
		}
		return parentId.isEmpty() ? List.of() : parent.boundCidrs();
	}

	private String parentId(Caller caller, Fields fields, boolean orphanPath, TokenRole role, boolean isSudo) {
		boolean orphan;
		if (role != null) {
			orphan = role.orphan();
		}
		else if (fields.bool("no_parent", false)) {
			if (!isSudo) {
				throw VaultException.badRequest("root or sudo privileges required to create orphan token");
			}
			orphan = true;
		}
		else {
			orphan = orphanPath;
		}
		return orphan ? "" : this.store.idOf(caller.token());
	}

	private static String customId(String id, boolean isSudo) {
		if (id.isEmpty()) {
			return null;
		}
		if (!isSudo) {
			throw VaultException.badRequest("root or sudo privileges required to specify token id");
		}
		if (id.startsWith("hvs.") || id.startsWith("s.")) {
			throw VaultException.badRequest("custom token ID cannot have the 'hvs.' or 's.' prefix");
		}
		if (id.contains(".")) {
			throw VaultException.badRequest("custom token ID cannot have a '.' in the value");
		}
		return id;
	}

	private static String displayName(String requested) {
		if (requested.isEmpty()) {
			return "token";
		}
		return ("token-" + requested).replaceAll("[^a-zA-Z0-9-]", "-").replaceFirst("-+$", "");
	}

	private static long lesser(long requested, long fromRole, String what, List<String> warnings) {
		if (fromRole == 0) {
			return requested;
		}
		if (requested == 0) {
			return fromRole;
		}
		long chosen = Math.min(requested, fromRole);
		warnings.add(what + " specified both during creation call and in role; using the lesser value of " + chosen
				+ " seconds");
		return chosen;
	}

}
