package io.coffer.secrets.pipeline;

import java.time.Clock;
import java.util.Optional;

import io.coffer.secrets.auth.AuthMounts;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.engine.identity.IdentityEngine;
import io.coffer.secrets.engine.identity.IdentityResolver;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.policy.PolicyStore;
import io.coffer.secrets.token.TokenBackend;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in {@code identity/} engine on its barrier view, and its resolver, which
 * links logins to entities for the token issuer and adds identity policies for the ACL
 * check.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	@Bean
	IdentityEngine identityEngine(Barrier barrier, AuthMounts authMounts, PolicyStore policies, Clock clock) {
		return new IdentityEngine(barrier.view(IdentityEngine.STORAGE_PREFIX),
				(accessor) -> byAccessor(authMounts, accessor), policies, clock);
	}

	@Bean
	IdentityResolver identityResolver(IdentityEngine engine) {
		return engine.resolver();
	}

	private static Optional<MountEntry> byAccessor(AuthMounts authMounts, String accessor) {
		if (TokenBackend.MOUNT.accessor().equals(accessor)) {
			return Optional.of(TokenBackend.MOUNT);
		}
		return authMounts.mounts().stream().filter((mount) -> mount.accessor().equals(accessor)).findFirst();
	}

}
