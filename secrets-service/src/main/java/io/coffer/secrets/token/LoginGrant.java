package io.coffer.secrets.token;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.MountEntry;

/**
 * What a successful login grants; {@link TokenIssuer#login} turns it into a token.
 *
 * @param mount the auth mount logged in through (its path is the full
 * {@code auth/<path>/}), whose tuned TTLs bound the token
 * @param loginPath the path below the mount, e.g. {@code login} or {@code login/alice}
 * @param displayName the method's name for the login, e.g. the user name; may be empty
 * @param meta metadata for the token, e.g. {@code role_name}
 * @param params the role's or user's token settings
 * @param aliasName the name of the identity entity alias the login is for (Vault's
 * {@code auth.alias.name}: the user name, the RoleID, the service account's UID...);
 * empty for a login that belongs to no entity
 * @param groupAliases the names of the groups the method reports for the login (Vault's
 * {@code auth.group_aliases}, e.g. a JWT's groups claim): the entity becomes a member of
 * the external groups with those aliases on the mount
 */
public record LoginGrant(MountEntry mount, String loginPath, String displayName, Map<String, String> meta,
		TokenParams params, String aliasName, List<String> groupAliases) {

	public LoginGrant {
		meta = (meta != null) ? Map.copyOf(meta) : Map.of();
		aliasName = (aliasName != null) ? aliasName : "";
		groupAliases = (groupAliases != null) ? List.copyOf(groupAliases) : List.of();
	}

	/** A login that reports no groups. */
	public LoginGrant(MountEntry mount, String loginPath, String displayName, Map<String, String> meta,
			TokenParams params, String aliasName) {
		this(mount, loginPath, displayName, meta, params, aliasName, List.of());
	}

	/** A login that belongs to no identity entity. */
	public LoginGrant(MountEntry mount, String loginPath, String displayName, Map<String, String> meta,
			TokenParams params) {
		this(mount, loginPath, displayName, meta, params, "");
	}

}
