package io.coffer.support.web.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code coffer.identity}: the callers this service accepts.
 *
 * <pre>
 * coffer.identity.callers.gateway.keys=/etc/coffer/gateway.pub.pem
 * coffer.identity.callers.gateway.paths=/v1/**
 * coffer.identity.callers.lease-service.keys=/etc/coffer/lease-service.pub.pem
 * coffer.identity.callers.lease-service.paths=/internal/leases/**
 * </pre>
 *
 * A service may name a caller's keys through another property, as secrets-service does to
 * keep launchers' {@code coffer.identity.verification-keys} (the gateway's key) working:
 * {@code coffer.identity.callers.gateway.keys=${coffer.identity.verification-keys}}.
 *
 * @param callers each caller this service accepts, by name (the name its identities'
 * issuer claim carries, {@code coffer-<name>})
 * @param audience the audience identities sent to this service carry:
 * {@code coffer-secrets} (the default) for a secrets node, {@code coffer-<name>} for
 * another service (the gateway addresses those to their owner,
 * {@code AuthorizationClaims.audienceOf})
 * @param clockSkew tolerated difference between a caller's clock and this service's
 */
@ConfigurationProperties("coffer.identity")
public record IdentityProperties(Map<String, Caller> callers, @DefaultValue("coffer-secrets") String audience,
		@DefaultValue("5s") Duration clockSkew) {

	public IdentityProperties {
		callers = (callers != null) ? Map.copyOf(callers) : Map.of();
	}

	/**
	 * One caller this service accepts.
	 *
	 * @param keys PEM public keys (X.509 {@code PUBLIC KEY}) of the caller; more than one
	 * while its key is rotated
	 * @param paths the path patterns it may call ({@code /v1/**},
	 * {@code /internal/leases/**}; Spring's path patterns), any method
	 */
	public record Caller(List<Path> keys, List<String> paths) {

		public Caller {
			keys = (keys != null) ? List.copyOf(keys) : List.of();
			paths = (paths != null) ? List.copyOf(paths) : List.of();
		}

	}

}
