package io.coffer.secrets.quota;

import java.time.Duration;
import java.util.Map;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultDurations;
import io.coffer.secrets.token.Fields;

import org.springframework.stereotype.Component;

/**
 * Reads the body of {@code POST sys/quotas/rate-limit/<name>} into a rule with Vault's
 * defaults (interval 1 s, no blocking, inheritable) and Vault's 400 messages: the rate
 * must be positive, the path must be empty or lie on a mount ({@code secret/},
 * {@code secret/data/app}, {@code secret/data/app*}), and no other rule may limit the
 * same target.
 */
@Component
class RateLimitQuotaReader {

	private final RateLimitQuotas quotas;

	RateLimitQuotaReader(RateLimitQuotas quotas) {
		this.quotas = quotas;
	}

	RateLimitQuota read(String name, Map<String, Object> data) {
		Fields fields = Fields.of(data);
		double rate = rate(data.get("rate"));
		if (!(rate > 0) || Double.isInfinite(rate)) {
			throw VaultException.badRequest("'rate' is invalid");
		}
		Duration interval = VaultDurations.parseSigned(data.get("interval"), "interval");
		if (interval.isNegative()) {
			throw VaultException.badRequest("'interval' is invalid");
		}
		interval = Duration.ofSeconds(Math.max(1, interval.toSeconds()));
		Duration block = VaultDurations.parseSigned(data.get("block_interval"), "block_interval");
		if (block.isNegative()) {
			throw VaultException.badRequest("'block' is invalid");
		}
		block = Duration.ofSeconds(block.toSeconds());
		String path = sanitize(fields.string("path"));
		String mountPath = "";
		String suffix = "";
		if (!path.isEmpty()) {
			MountEntry mount = this.quotas.mountOf(path)
				.orElseThrow(() -> VaultException.badRequest("invalid mount path " + quoted(path)));
			mountPath = mount.path();
			suffix = path.substring(Math.min(mountPath.length(), path.length())).replaceFirst("/$", "");
		}
		String role = fields.string("role");
		if (!role.isEmpty()) {
			refuseRole(mountPath, suffix);
		}
		boolean inheritable = inheritable(data.get("inheritable"), mountPath);
		RateLimitQuota quota = new RateLimitQuota(name, mountPath, suffix, role, rate, interval, block, inheritable);
		this.quotas.sameTarget(quota).ifPresent((other) -> {
			throw VaultException
				.badRequest("quota rule with similar properties exists under the name " + quoted(other.name()));
		});
		return quota;
	}

	/**
	 * Role-based quotas need the auth method to tell a login's role before it runs
	 * (Vault's resolve-role operation), which Coffer's auth methods do not offer.
	 */
	private static void refuseRole(String mountPath, String suffix) {
		if (!suffix.isEmpty()) {
			throw VaultException.badRequest("Quotas cannot contain both a path suffix and a role. If a role is "
					+ "provided, path must be a valid auth mount with a concept of roles");
		}
		if (!mountPath.startsWith("auth/")) {
			throw VaultException.badRequest("Mount path " + quoted(mountPath)
					+ " is not a valid auth method and therefore unsuitable for use with role-based quotas");
		}
		throw VaultException
			.badRequest("Mount path " + quoted(mountPath) + " does not support use with role-based quotas");
	}

	/**
	 * Coffer has one namespace, the root: every rule is inheritable, and only a namespace
	 * rule (here: the global one) may say so explicitly.
	 */
	private static boolean inheritable(Object value, String mountPath) {
		if (value == null) {
			return true;
		}
		boolean inheritable = GoBool.of(value)
			.orElseThrow(() -> VaultException.badRequest("invalid value for \"inheritable\": expected a boolean"));
		if (!inheritable) {
			throw VaultException.badRequest("all global quotas must be inheritable");
		}
		if (!mountPath.isEmpty()) {
			throw VaultException.badRequest("only namespace quotas can be configured as inheritable");
		}
		return true;
	}

	private static double rate(Object value) {
		if (value == null) {
			return 0;
		}
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		if (value instanceof String text) {
			if (text.isBlank()) {
				return 0;
			}
			try {
				return Double.parseDouble(text.trim());
			}
			catch (NumberFormatException ex) {
				throw VaultException.badRequest("error converting input for field \"rate\": not a number");
			}
		}
		throw VaultException.badRequest("error converting input for field \"rate\": not a number");
	}

	/** Vault's {@code sanitizePath}: no leading {@code /}, a trailing one. */
	private static String sanitize(String path) {
		String out = path;
		while (out.startsWith("/")) {
			out = out.substring(1);
		}
		return (out.isEmpty() || out.endsWith("/")) ? out : out + "/";
	}

	private static String quoted(String text) {
		return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
