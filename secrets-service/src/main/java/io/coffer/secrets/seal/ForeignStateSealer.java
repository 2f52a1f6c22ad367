package io.coffer.secrets.seal;

import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Seals this node when a forced restore (another node drove it) installed another
 * cluster's state here: the root key this node holds does not open the restored keyring,
 * so it must be unsealed with the restored state's keys (see
 * {@link SealService#sealForForeignState()}).
 */
@Component
class ForeignStateSealer implements HaListener, SmartInitializingSingleton {

	private final HaCluster ha;

	private final SealService seal;

	ForeignStateSealer(HaCluster ha, SealService seal) {
		this.ha = ha;
		this.seal = seal;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.ha.addListener(this);
	}

	@Override
	public void becameActive() {
	}

	@Override
	public void becameStandby() {
	}

	@Override
	public void foreignStateInstalled() {
		this.seal.sealForForeignState();
	}

}
