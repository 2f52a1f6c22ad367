package io.coffer.secrets.policy;

import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Drops compiled ACLs whenever this node may have missed a policy change: another node
 * can write policies while this one is a standby or sealed, and a stale ACL must never
 * outlive the change.
 */
@Component
class PolicyCacheInvalidator implements HaListener, SmartInitializingSingleton {

	private final HaCluster ha;

	private final PolicyStore store;

	PolicyCacheInvalidator(HaCluster ha, PolicyStore store) {
		this.ha = ha;
		this.store = store;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.ha.addListener(this);
	}

	@Override
	public void becameActive() {
		this.store.invalidate();
	}

	@Override
	public void becameStandby() {
		this.store.invalidate();
	}

	@EventListener
	void onSealEvent(SealEvent event) {
		this.store.invalidate();
	}

}
