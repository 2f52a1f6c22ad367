package io.coffer.secrets.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.core.Json;

import org.springframework.stereotype.Component;

/**
 * Quota rules and the quota configuration behind the barrier, so every node holds them
 * (replicated with the rest of storage): {@value #RATE_LIMIT_PREFIX}{@code <name>} and
 * {@value #CONFIG_KEY}, under {@value #PREFIX}.
 */
@Component
class QuotaStore {

	static final String PREFIX = "sys/quotas/";

	static final String RATE_LIMIT_PREFIX = RateLimitQuota.TYPE + "/";

	static final String CONFIG_KEY = "config";

	private final Barrier barrier;

	QuotaStore(Barrier barrier) {
		this.barrier = barrier;
	}

	List<RateLimitQuota> rateLimitQuotas() {
		List<RateLimitQuota> quotas = new ArrayList<>();
		for (String name : view().list(RATE_LIMIT_PREFIX)) {
			if (!name.endsWith("/")) {
				view().get(RATE_LIMIT_PREFIX + name)
					.map((bytes) -> Json.read(bytes, Stored.class).toQuota())
					.ifPresent(quotas::add);
			}
		}
		return quotas;
	}

	void put(RateLimitQuota quota) {
		view().put(RATE_LIMIT_PREFIX + quota.name(), Json.write(Stored.of(quota)));
	}

	void delete(String name) {
		view().delete(RATE_LIMIT_PREFIX + name);
	}

	/** The stored configuration; Vault's defaults when none was ever written. */
	QuotaConfig config() {
		Optional<byte[]> stored = view().get(CONFIG_KEY);
		return stored.map((bytes) -> Json.read(bytes, QuotaConfig.class)).orElse(QuotaConfig.DEFAULTS);
	}

	void put(QuotaConfig config) {
		view().put(CONFIG_KEY, Json.write(config));
	}

	private BarrierView view() {
		return this.barrier.view(PREFIX);
	}

	/** The stored form of a rule: durations as whole seconds. */
	record Stored(String name, @JsonProperty("mount_path") String mountPath,
			@JsonProperty("path_suffix") String pathSuffix, String role, double rate,
			@JsonProperty("interval_seconds") long intervalSeconds,
			@JsonProperty("block_interval_seconds") long blockIntervalSeconds, boolean inheritable) {

		static Stored of(RateLimitQuota quota) {
			return new Stored(quota.name(), quota.mountPath(), quota.pathSuffix(), quota.role(), quota.rate(),
					quota.interval().toSeconds(), quota.blockInterval().toSeconds(), quota.inheritable());
		}

		RateLimitQuota toQuota() {
			return new RateLimitQuota(this.name, nonNull(this.mountPath), nonNull(this.pathSuffix), nonNull(this.role),
					this.rate, Duration.ofSeconds(Math.max(1, this.intervalSeconds)),
					Duration.ofSeconds(Math.max(0, this.blockIntervalSeconds)), this.inheritable);
		}

		private static String nonNull(String value) {
			return (value != null) ? value : "";
		}

	}

}
