package io.coffer.secrets.auth.approle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.identity.Cidrs;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.Fields;
import io.coffer.secrets.token.TokenParams;

/**
 * An AppRole role.
 *
 * @param name lower-cased role name
 * @param roleId the role's RoleID (not secret on its own, but not listed either)
 * @param bindSecretId whether login needs a SecretID
 * @param secretIdBoundCidrs where logins may come from
 * @param secretIdNumUses default (and maximum) uses of a new SecretID, 0 = unlimited
 * @param secretIdTtl default (and maximum) TTL of a new SecretID in seconds, 0 = none
 * @param token what a login's token gets
 */
record AppRole(String name, String roleId, boolean bindSecretId, List<String> secretIdBoundCidrs, int secretIdNumUses,
		long secretIdTtl, TokenParams token) {

	AppRole {
		secretIdBoundCidrs = List.copyOf(secretIdBoundCidrs);
	}

	static AppRole create(String name, String roleId) {
		return new AppRole(name, roleId, true, List.of(), 0, 0, TokenParams.NONE);
	}

	AppRole updatedWith(Fields fields) {
		int uses = fields.has("secret_id_num_uses") ? fields.integer("secret_id_num_uses") : this.secretIdNumUses;
		if (uses < 0) {
			throw VaultException.badRequest("secret_id_num_uses cannot be negative");
		}
		String cidrField = fields.first("secret_id_bound_cidrs", "bound_cidr_list");
		AppRole next = new AppRole(this.name, this.roleId, fields.bool("bind_secret_id", this.bindSecretId),
				fields.has(cidrField) ? Cidrs.validate(fields.list(cidrField), cidrField) : this.secretIdBoundCidrs,
				uses, fields.has("secret_id_ttl") ? fields.seconds("secret_id_ttl") : this.secretIdTtl,
				this.token.updatedWith(fields));
		if (!next.bindSecretId && next.secretIdBoundCidrs.isEmpty()) {
			throw VaultException.badRequest("at least one constraint should be enabled on the role");
		}
		return next;
	}

	AppRole withRoleId(String newRoleId) {
		return new AppRole(this.name, newRoleId, this.bindSecretId, this.secretIdBoundCidrs, this.secretIdNumUses,
				this.secretIdTtl, this.token);
	}

	Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("bind_secret_id", this.bindSecretId);
		out.put("local_secret_ids", false);
		out.put("policies", this.token.policies());
		out.put("secret_id_bound_cidrs", this.secretIdBoundCidrs);
		out.put("secret_id_num_uses", this.secretIdNumUses);
		out.put("secret_id_ttl", this.secretIdTtl);
		this.token.describeInto(out);
		return out;
	}

	@Override
	public String toString() {
		return "AppRole[name=" + this.name + "]";
	}

}
