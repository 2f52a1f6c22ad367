package io.coffer.secrets.kernel;

import java.util.Map;

/**
 * One entry of the mount table.
 *
 * @param path the mount path, ending in {@code /} (e.g. {@code secret/})
 * @param type the engine type (e.g. {@code kv})
 * @param description free text
 * @param accessor Vault's mount accessor ({@code kv_1a2b3c4d})
 * @param uuid the mount's id; its data lives under {@code logical/<uuid>/}
 * @param config TTLs and caching
 * @param options engine options as strings (KV: {@code version})
 */
public record MountEntry(String path, String type, String description, String accessor, String uuid, MountConfig config,
		Map<String, String> options) {

	public MountEntry {
		options = (options != null) ? Map.copyOf(options) : Map.of();
	}

	/** Vault's system-wide default and maximum lease TTL: 768h. */
	public static final long SYSTEM_DEFAULT_TTL_SECONDS = 2_764_800;

	/** The mount's default lease TTL in seconds, falling back to the system default. */
	public long effectiveDefaultTtl() {
		return (this.config.defaultLeaseTtl() > 0) ? this.config.defaultLeaseTtl() : SYSTEM_DEFAULT_TTL_SECONDS;
	}

	/** The mount's maximum lease TTL in seconds, falling back to the system maximum. */
	public long effectiveMaxTtl() {
		return (this.config.maxLeaseTtl() > 0) ? this.config.maxLeaseTtl() : SYSTEM_DEFAULT_TTL_SECONDS;
	}

	public MountEntry withConfig(MountConfig config) {
		return new MountEntry(this.path, this.type, this.description, this.accessor, this.uuid, config, this.options);
	}

	public MountEntry withOptions(Map<String, String> options) {
		return new MountEntry(this.path, this.type, this.description, this.accessor, this.uuid, this.config, options);
	}

	public MountEntry withDescription(String description) {
		return new MountEntry(this.path, this.type, description, this.accessor, this.uuid, this.config, this.options);
	}

	/**
	 * @param defaultLeaseTtl seconds; 0 = the system default
	 * @param maxLeaseTtl seconds; 0 = the system default
	 * @param forceNoCache Vault's flag, stored and reported
	 * @param tokenType an auth mount's {@code token_type} ({@code default-service},
	 * {@code default-batch}, {@code service}, {@code batch}); empty = not set (Vault's
	 * {@code default-service}); always empty on secrets engines
	 */
	public record MountConfig(long defaultLeaseTtl, long maxLeaseTtl, boolean forceNoCache, String tokenType) {

		public static final MountConfig DEFAULTS = new MountConfig(0, 0, false);

		public MountConfig {
			// Mounts stored before token types existed have none.
			tokenType = (tokenType != null) ? tokenType : "";
		}

		/** A configuration without a token type. */
		public MountConfig(long defaultLeaseTtl, long maxLeaseTtl, boolean forceNoCache) {
			this(defaultLeaseTtl, maxLeaseTtl, forceNoCache, "");
		}

		public MountConfig withTokenType(String type) {
			return new MountConfig(this.defaultLeaseTtl, this.maxLeaseTtl, this.forceNoCache, type);
		}

	}

}
