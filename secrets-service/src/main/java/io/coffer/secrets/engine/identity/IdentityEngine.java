package io.coffer.secrets.engine.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.EnginePaths;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.policy.PolicyStore;

/**
 * Vault's identity secrets engine, mounted at {@code identity/} on every node and never
 * enabled, moved or disabled: entities, entity aliases, internal and external groups,
 * group aliases and lookups. Its data lives behind the barrier under
 * {@link #STORAGE_PREFIX}.
 */
public final class IdentityEngine implements SecretEngine {

	public static final MountEntry MOUNT = new MountEntry("identity/", "identity", "identity store",
			"identity_00000000", "00000000-0000-0000-0000-000000000004", MountEntry.MountConfig.DEFAULTS, null);

	/** Where the engine's data lives behind the barrier, as for a table mount. */
	public static final String STORAGE_PREFIX = "logical/" + MOUNT.uuid() + "/";

	private final EnginePaths paths;

	private final IdentityResolver resolver;

	/**
	 * @param view the barrier view at {@link #STORAGE_PREFIX}
	 * @param accessors the auth mounts aliases may name
	 * @param policies moved on every identity change that alters what tokens may do
	 * @param clock for creation and update times
	 */
	public IdentityEngine(BarrierView view, AuthAccessors accessors, PolicyStore policies, Clock clock) {
		IdentityStore store = new IdentityStore(view);
		Identities identities = new Identities(store, accessors, policies, clock);
		Groups groups = new Groups(identities, policies);
		this.resolver = new IdentityResolver(identities, groups, policies);
		IdentityViews views = new IdentityViews(store, accessors, this.resolver);
		List<PathSpec> all = new ArrayList<>();
		all.addAll(new EntityPaths(identities, views).paths());
		all.addAll(new AliasPaths(identities, views).paths());
		all.addAll(new GroupPaths(identities, groups, views).paths());
		all.addAll(new GroupAliasPaths(identities, groups, views).paths());
		all.addAll(new LookupPaths(store, views).paths());
		this.paths = new EnginePaths(all);
	}

	/** The entity links of logins and the identity policies of tokens. */
	public IdentityResolver resolver() {
		return this.resolver;
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		return this.paths.handle(request);
	}

}
