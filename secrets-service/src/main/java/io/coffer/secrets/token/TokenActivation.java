package io.coffer.secrets.token;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.SealedException;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the token counts honest across role changes: the active node counts its tokens
 * once when it takes over (off the storage thread, since that scans every token), and a
 * node that seals or steps down forgets them.
 */
@Component
class TokenActivation implements HaListener, SmartInitializingSingleton {

	private final HaCluster ha;

	private final Barrier barrier;

	private final TokenStore store;

	private final TokenMetrics metrics;

	TokenActivation(HaCluster ha, Barrier barrier, TokenStore store, TokenMetrics metrics) {
		this.ha = ha;
		this.barrier = barrier;
		this.store = store;
		this.metrics = metrics;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.ha.addListener(this);
	}

	@Override
	public void becameActive() {
		if (this.barrier.isSealed()) {
			return;
		}
		Thread.ofVirtual().name("token-recount").start(this::recount);
	}

	@Override
	public void becameStandby() {
		this.metrics.clear();
	}

	@EventListener
	void onSeal(SealEvent.Sealed event) {
		this.metrics.clear();
	}

	private void recount() {
		try {
			if (!this.barrier.isSealed() && this.ha.isActive()) {
				this.store.reset();
				this.store.recount();
			}
		}
		catch (SealedException ex) {
			// Sealed while counting: the counts are cleared on seal and rebuilt on the
			// next
			// activation.
		}
	}

}
