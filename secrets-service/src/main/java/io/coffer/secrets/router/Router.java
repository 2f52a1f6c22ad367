package io.coffer.secrets.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * The one mount table of the request path: {@code sys/}, {@code cubbyhole/},
 * {@code auth/token/}, every auth method and every secrets engine, gathered from the
 * {@link MountSource} beans, with longest-prefix lookup ({@link PrefixTable}). The merged
 * table is rebuilt only when a source's mounts change (enable, disable, tune, reload
 * after a seal or a change of active node).
 */
@Component
public class Router {

	private final List<MountSource> sources;

	private volatile Snapshot snapshot;

	public Router(List<MountSource> sources) {
		this.sources = List.copyOf(sources);
	}

	/** The mount owning a full request path, with the engine serving it. */
	public Optional<Route> route(String fullPath) {
		return current().table()
			.longest(fullPath)
			.map((owned) -> new Route(owned.mount(), owned.source().engine(owned.mount())));
	}

	/**
	 * The mount owning a full request path, without building its engine (for checks that
	 * run before the token is looked at, such as rate-limit quotas).
	 */
	public Optional<MountEntry> mountOf(String fullPath) {
		return current().table().longest(fullPath).map(Owned::mount);
	}

	/**
	 * The mount whose Vault mount accessor is {@code accessor}, with its engine (the
	 * secrets nodes route lease-service's renew and revoke calls by it, so a lease
	 * follows its mount and never reaches another mount at the same path); empty when no
	 * mount has it any more.
	 */
	public Optional<Route> byAccessor(String accessor) {
		if (accessor == null || accessor.isEmpty()) {
			return Optional.empty();
		}
		Owned owned = current().byAccessor().get(accessor);
		return (owned != null) ? Optional.of(new Route(owned.mount(), owned.source().engine(owned.mount())))
				: Optional.empty();
	}

	/**
	 * Like {@link #route} but a path no mount owns is Vault's 404
	 * {@code no handler for route}.
	 */
	public Route require(String fullPath) {
		return route(fullPath).orElseThrow(
				() -> new VaultException(404, "no handler for route \"" + fullPath + "\". route entry not found."));
	}

	/** Every mount of the table, secrets engines and auth methods alike. */
	public List<MountEntry> mounts() {
		List<MountEntry> all = new ArrayList<>();
		for (MountSource source : this.sources) {
			all.addAll(source.mounts());
		}
		return all;
	}

	private Snapshot current() {
		List<List<MountEntry>> tables = new ArrayList<>(this.sources.size());
		for (MountSource source : this.sources) {
			tables.add(source.mounts());
		}
		Snapshot current = this.snapshot;
		if (current == null || !current.builtFrom(tables)) {
			current = build(tables);
			this.snapshot = current;
		}
		return current;
	}

	private Snapshot build(List<List<MountEntry>> tables) {
		Map<String, Owned> byPath = new HashMap<>();
		Map<String, Owned> byAccessor = new HashMap<>();
		for (int i = 0; i < tables.size(); i++) {
			for (MountEntry mount : tables.get(i)) {
				Owned owned = new Owned(mount, this.sources.get(i));
				byPath.put(mount.path(), owned);
				if (mount.accessor() != null && !mount.accessor().isEmpty()) {
					byAccessor.put(mount.accessor(), owned);
				}
			}
		}
		return new Snapshot(tables, new PrefixTable<>(byPath), Map.copyOf(byAccessor));
	}

	private record Owned(MountEntry mount, MountSource source) {
	}

	/**
	 * The merged table, its mounts by accessor, and the source lists it was built from
	 * (compared by identity).
	 */
	private record Snapshot(List<List<MountEntry>> tables, PrefixTable<Owned> table, Map<String, Owned> byAccessor) {

		boolean builtFrom(List<List<MountEntry>> current) {
			for (int i = 0; i < current.size(); i++) {
				if (current.get(i) != this.tables.get(i)) {
					return false;
				}
			}
			return true;
		}

	}

}
