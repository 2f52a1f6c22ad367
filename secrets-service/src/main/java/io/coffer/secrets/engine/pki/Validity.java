package io.coffer.secrets.engine.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.VaultDurations;

/**
 * A certificate's validity as Vault computes it ({@code GetCertificateNotAfter}): the
 * requested TTL, else the role's, else the mount's default; capped (with a warning) by
 * the role's {@code max_ttl}, else the mount's maximum; refused past the CA's own expiry.
 * Certificates start 30 s in the past (Vault's {@code not_before_duration}).
 */
final class Validity {

	static final Duration NOT_BEFORE_BACKDATE = Duration.ofSeconds(30);

	private Validity() {
	}

	/**
	 * @param requestedTtl the request's {@code ttl} in seconds, 0 for none
	 * @param role the role's {@code ttl} and {@code max_ttl} (0 for none)
	 * @param ca the signing CA, or null for a self-signed root
	 * @param warnings receives the cap warning
	 */
	static Instant notAfter(Instant now, long requestedTtl, Ttls role, MountEntry mount, X509Certificate ca,
			List<String> warnings) {
		long ttl = (requestedTtl > 0) ? requestedTtl : role.ttl();
		long max = (role.maxTtl() > 0) ? role.maxTtl() : mount.effectiveMaxTtl();
		if (ttl == 0) {
			ttl = mount.effectiveDefaultTtl();
		}
		if (ttl > max) {
			warnings
				.add("TTL \"" + VaultDurations.format(Duration.ofSeconds(ttl)) + "\" is longer than permitted maxTTL \""
						+ VaultDurations.format(Duration.ofSeconds(max)) + "\", so maxTTL is being used");
			ttl = max;
		}
		Instant notAfter = now.plusSeconds(ttl);
		if (ca != null && notAfter.isAfter(ca.getNotAfter().toInstant())) {
			throw VaultException.badRequest("cannot satisfy request, as TTL would result in notAfter of " + notAfter
					+ " that is beyond the expiration of the CA certificate at " + ca.getNotAfter().toInstant());
		}
		return notAfter;
	}

	/**
	 * @param ttl seconds, 0 for none
	 * @param maxTtl seconds, 0 for none
	 */
	record Ttls(long ttl, long maxTtl) {

		static final Ttls NONE = new Ttls(0, 0);

	}

}
