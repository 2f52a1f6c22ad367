package io.coffer.secrets.kernel;

import java.util.List;
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
	 * @param settings the rest of Vault's mount settings, kept and reported as given
	 */
	public record MountConfig(long defaultLeaseTtl, long maxLeaseTtl, boolean forceNoCache, String tokenType,
			MountSettings settings) {

		public static final MountConfig DEFAULTS = new MountConfig(0, 0, false);

		public MountConfig {
			// Mounts stored before token types and settings existed have none.
			tokenType = (tokenType != null) ? tokenType : "";
			settings = (settings != null) ? settings : MountSettings.NONE;
		}

		/** A configuration without a token type or other settings. */
		public MountConfig(long defaultLeaseTtl, long maxLeaseTtl, boolean forceNoCache) {
			this(defaultLeaseTtl, maxLeaseTtl, forceNoCache, "", MountSettings.NONE);
		}

		/** A configuration without other settings. */
		public MountConfig(long defaultLeaseTtl, long maxLeaseTtl, boolean forceNoCache, String tokenType) {
			this(defaultLeaseTtl, maxLeaseTtl, forceNoCache, tokenType, MountSettings.NONE);
		}

		public MountConfig withTokenType(String type) {
			return new MountConfig(this.defaultLeaseTtl, this.maxLeaseTtl, this.forceNoCache, type, this.settings);
		}

	}

	/**
	 * Vault's mount settings that Coffer keeps and reports so that clients reading them
	 * back (Terraform) see what they wrote; where they have an effect it is noted.
	 *
	 * @param local Vault's {@code local} (replication scope; Coffer has no performance
	 * replication, so every mount is cluster-wide): kept and reported
	 * @param sealWrap Vault's {@code seal_wrap} (Coffer's barrier already encrypts every
	 * value): kept and reported
	 * @param listingVisibility {@code ""} or {@code hidden}, or {@code unauth}: listed by
	 * {@code sys/internal/ui/mounts} without a token
	 * @param passthroughRequestHeaders kept and reported (no engine reads request
	 * headers)
	 * @param allowedResponseHeaders kept and reported (no engine sets response headers)
	 * @param auditNonHmacRequestKeys request data keys audit devices write unhashed
	 * @param auditNonHmacResponseKeys response data keys audit devices write unhashed
	 */
	public record MountSettings(boolean local, boolean sealWrap, String listingVisibility,
			List<String> passthroughRequestHeaders, List<String> allowedResponseHeaders,
			List<String> auditNonHmacRequestKeys, List<String> auditNonHmacResponseKeys) {

		public static final MountSettings NONE = new MountSettings(false, false, "", null, null, null, null);

		public MountSettings {
			listingVisibility = (listingVisibility != null) ? listingVisibility : "";
			passthroughRequestHeaders = copy(passthroughRequestHeaders);
			allowedResponseHeaders = copy(allowedResponseHeaders);
			auditNonHmacRequestKeys = copy(auditNonHmacRequestKeys);
			auditNonHmacResponseKeys = copy(auditNonHmacResponseKeys);
		}

		private static List<String> copy(List<String> values) {
			return (values != null) ? List.copyOf(values) : List.of();
		}

	}

}
