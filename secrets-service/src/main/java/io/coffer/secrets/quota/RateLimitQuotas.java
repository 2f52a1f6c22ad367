package io.coffer.secrets.quota;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.router.Router;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The rate-limit quota rules and the quota configuration of this node, read from the
 * {@link QuotaStore} on first use and kept in memory with each rule's counters. Only the
 * active node serves requests and writes rules, so its copy is exact; whenever it may
 * have missed a change (it became active or standby, was sealed) the copy is dropped and
 * read again, with fresh counters.
 * <p>
 * The rule for a path is Vault's most specific one: an exact path below the mount, then
 * the longest {@code *} prefix below it, then the mount, then the global rule.
 */
@Component
public class RateLimitQuotas implements HaListener, SmartInitializingSingleton {

	private final QuotaStore store;

	private final HaCluster ha;

	/**
	 * Looked up on use: the router gathers the mount sources, among them the system
	 * backend, which serves this package's endpoints.
	 */
	private final ObjectProvider<Router> router;

	/** Null until read (again) from storage. */
	private volatile Rules rules;

	RateLimitQuotas(QuotaStore store, HaCluster ha, ObjectProvider<Router> router) {
		this.store = store;
		this.ha = ha;
		this.router = router;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.ha.addListener(this);
	}

	@Override
	public void becameActive() {
		this.rules = null;
	}

	@Override
	public void becameStandby() {
		this.rules = null;
	}

	@EventListener
	void onSealEvent(SealEvent event) {
		this.rules = null;
	}

	/**
	 * The limiter of the rule that applies to {@code path}; empty when the path is exempt
	 * or no rule applies.
	 * @param path the request path below {@code /v1/}
	 */
	Optional<ClientLimiter> applicable(String path) {
		Rules current = current();
		if (current.byName().isEmpty() || current.config().exempts(path)) {
			return Optional.empty();
		}
		String mount = mountOf(path).map(MountEntry::path).orElse("");
		if (!mount.isEmpty()) {
			String suffix = trimTrailingSlash(path.substring(Math.min(mount.length(), path.length())));
			if (!suffix.isEmpty()) {
				ClientLimiter exact = current.byTarget().get(key(mount, suffix));
				if (exact != null) {
					return Optional.of(exact);
				}
			}
			for (int end = suffix.length(); end >= 0; end--) {
				ClientLimiter glob = current.byTarget().get(key(mount, suffix.substring(0, end) + "*"));
				if (glob != null) {
					return Optional.of(glob);
				}
			}
			ClientLimiter whole = current.byTarget().get(key(mount, ""));
			if (whole != null) {
				return Optional.of(whole);
			}
		}
		return Optional.ofNullable(current.byTarget().get(key("", "")));
	}

	/** The mount owning {@code path} ({@code sys/} for sys paths), if any. */
	Optional<MountEntry> mountOf(String path) {
		return this.router.getObject().mountOf(path);
	}

	QuotaConfig config() {
		return current().config();
	}

	Optional<RateLimitQuota> get(String name) {
		return Optional.ofNullable(current().byName().get(name)).map(ClientLimiter::quota);
	}

	/** Every rule's name, sorted. */
	List<String> names() {
		return current().byName().keySet().stream().sorted().toList();
	}

	/** The rule, under another name, that limits the same mount, path and role. */
	Optional<RateLimitQuota> sameTarget(RateLimitQuota quota) {
		return current().byName()
			.values()
			.stream()
			.map(ClientLimiter::quota)
			.filter((other) -> !other.name().equals(quota.name()) && other.mountPath().equals(quota.mountPath())
					&& other.pathSuffix().equals(quota.pathSuffix()) && other.role().equals(quota.role()))
			.findFirst();
	}

	/**
	 * Stores a rule and applies it from the next request. Rewriting a rule with the same
	 * rate and intervals keeps its clients' counters.
	 */
	synchronized void put(RateLimitQuota quota) {
		this.store.put(quota);
		Rules current = current();
		Map<String, ClientLimiter> byName = new HashMap<>(current.byName());
		ClientLimiter previous = byName.get(quota.name());
		boolean keep = previous != null && previous.quota().sameLimits(quota);
		byName.put(quota.name(), keep ? previous.withQuota(quota) : new ClientLimiter(quota));
		this.rules = Rules.of(current.config(), byName);
	}

	synchronized void delete(String name) {
		this.store.delete(name);
		Rules current = current();
		Map<String, ClientLimiter> byName = new HashMap<>(current.byName());
		byName.remove(name);
		this.rules = Rules.of(current.config(), byName);
	}

	synchronized void config(QuotaConfig config) {
		this.store.put(config);
		this.rules = Rules.of(config, current().byName());
	}

	private Rules current() {
		Rules current = this.rules;
		return (current != null) ? current : load();
	}

	private synchronized Rules load() {
		Rules current = this.rules;
		if (current == null) {
			Map<String, ClientLimiter> byName = new HashMap<>();
			for (RateLimitQuota quota : this.store.rateLimitQuotas()) {
				byName.put(quota.name(), new ClientLimiter(quota));
			}
			current = Rules.of(this.store.config(), byName);
			this.rules = current;
		}
		return current;
	}

	private static String key(String mount, String suffix) {
		return mount + '\u0000' + suffix;
	}

	private static String trimTrailingSlash(String path) {
		int end = path.length();
		while (end > 0 && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(0, end);
	}

	/** An immutable copy of the rules, by name and by what they limit. */
	private record Rules(QuotaConfig config, Map<String, ClientLimiter> byName, Map<String, ClientLimiter> byTarget) {

		static Rules of(QuotaConfig config, Map<String, ClientLimiter> byName) {
			Map<String, ClientLimiter> byTarget = new HashMap<>();
			for (ClientLimiter limiter : byName.values()) {
				RateLimitQuota quota = limiter.quota();
				byTarget.put(key(quota.mountPath(), quota.pathSuffix()), limiter);
			}
			return new Rules(config, Map.copyOf(byName), Map.copyOf(byTarget));
		}

	}

}
