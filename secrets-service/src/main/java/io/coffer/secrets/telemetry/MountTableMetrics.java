package io.coffer.secrets.telemetry;

import io.coffer.secrets.router.Router;
import io.coffer.secrets.seal.SealService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code vault.core.mount_table.num_entries} tagged {@code type="logical"} (secrets
 * engines, {@code sys/} and {@code cubbyhole/} included) and {@code type="auth"} (auth
 * methods, {@code auth/token/} included) with {@code local="false"} (Coffer has no local
 * mounts), as Vault counts its two tables. A sealed node cannot read its tables and
 * reports 0.
 */
@Component
class MountTableMetrics {

	private static final String AUTH_PREFIX = "auth/";

	private final Router router;

	private final SealService seal;

	MountTableMetrics(MeterRegistry registry, Router router, SealService seal) {
		this.router = router;
		this.seal = seal;
		register(registry, "logical", false);
		register(registry, "auth", true);
	}

	private void register(MeterRegistry registry, String type, boolean auth) {
		Gauge.builder("vault.core.mount_table.num_entries", this, (m) -> m.count(auth))
			.description("Entries of the mount table (logical) or the auth table (auth)")
			.tag("type", type)
			.tag("local", "false")
			.register(registry);
	}

	long count(boolean auth) {
		if (this.seal.isSealed()) {
			return 0;
		}
		return this.router.mounts().stream().filter((m) -> m.path().startsWith(AUTH_PREFIX) == auth).count();
	}

}
