package io.coffer.secrets.token;

import java.util.List;

import io.coffer.secrets.kernel.MountEntry;

/**
 * Links a login to its identity entity. Implemented by the identity store, so that tokens
 * never depend on identity.
 */
public interface EntityLinker {

	/**
	 * The id of the entity owning the alias {@code aliasName} on the auth mount; an
	 * entity and alias are created when the alias does not exist yet. The entity's
	 * memberships in external groups whose aliases are on that mount become those named
	 * by {@code groupAliasNames} (the groups the login reports).
	 * @throws io.coffer.secrets.kernel.VaultException 403 {@code permission denied} when
	 * that entity is disabled
	 */
	String link(MountEntry authMount, String aliasName, List<String> groupAliasNames);

}
