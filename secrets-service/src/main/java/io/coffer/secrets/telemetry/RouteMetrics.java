package io.coffer.secrets.telemetry;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.router.Router;
import io.coffer.secrets.support.VaultSummaries;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Vault's per-mount route metrics: the time the mount's engine takes to handle a request,
 * as the summary {@code vault.route.<operation>.<mount>} in milliseconds with the mount
 * path's {@code /} written {@code -}, as Vault's router names it ({@code secret/} read →
 * {@code vault_route_read_secret_}, {@code _count}, {@code _sum}, quantiles). The name
 * holds only the operation and the mount path, never a path below the mount, so the
 * series are bounded by the mount table: a summary is created at a mount's first request
 * and removed once its mount is gone (checked when a new one is created).
 */
@Component
public class RouteMetrics {

	private static final String PREFIX = "vault.route.";

	private final MeterRegistry registry;

	private final Supplier<Set<String>> mountPaths;

	private final Map<String, Route> routes = new ConcurrentHashMap<>();

	@Autowired
	RouteMetrics(MeterRegistry registry, Router router) {
		this(registry, () -> router.mounts().stream().map(MountEntry::path).collect(Collectors.toSet()));
	}

	RouteMetrics(MeterRegistry registry, Supplier<Set<String>> mountPaths) {
		this.registry = registry;
		this.mountPaths = mountPaths;
	}

	/**
	 * Records a request to the mount at {@code mountPath} that its engine started
	 * handling at {@code startNanos} ({@link System#nanoTime()}).
	 * @param operation Vault's operation name ({@code read}, {@code list},
	 * {@code create}, {@code update}, {@code delete}, {@code patch})
	 * @param mountPath the mount's path ({@code secret/}, {@code auth/token/})
	 */
	public void record(String operation, String mountPath, long startNanos) {
		String name = PREFIX + operation + "." + mountPath.replace('/', '-');
		Route route = this.routes.get(name);
		if (route == null) {
			forgetUnmounted();
			route = this.routes.computeIfAbsent(name, (n) -> new Route(mountPath,
					VaultSummaries.milliseconds(this.registry, n, "Requests to a mount handled by its engine")));
		}
		VaultSummaries.recordSince(route.summary(), startNanos);
	}

	private void forgetUnmounted() {
		Set<String> mounted = this.mountPaths.get();
		this.routes.entrySet().removeIf((entry) -> {
			if (mounted.contains(entry.getValue().mountPath())) {
				return false;
			}
			this.registry.remove(entry.getValue().summary());
			return true;
		});
	}

	private record Route(String mountPath, DistributionSummary summary) {

	}

}
