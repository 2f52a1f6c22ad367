package io.coffer.secrets.wrapping;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.engine.cubbyhole.CubbyholeEngine;
import io.coffer.secrets.engine.cubbyhole.CubbyholeStore;
import io.coffer.secrets.token.TokenStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The always-present cubbyhole. It has no mount-table entry, so the mount service never
 * cuts its barrier view, and engines may not see the barrier itself; the view is cut
 * here, beside response wrapping, the cubbyhole's main user.
 */
@Configuration(proxyBeanMethods = false)
class CubbyholeConfiguration {

	@Bean
	CubbyholeStore cubbyholeStore(Barrier barrier, TokenStore tokens) {
		return new CubbyholeStore(barrier.view(CubbyholeEngine.STORAGE_PREFIX), tokens);
	}

	@Bean
	CubbyholeEngine cubbyholeEngine(CubbyholeStore store, TokenStore tokens) {
		return new CubbyholeEngine(store, tokens);
	}

}
