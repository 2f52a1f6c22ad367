package io.coffer.secrets.ha;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.mount.MountService;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;
import io.coffer.secrets.token.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Keeps in-memory state honest across role changes: a node that becomes active may hold a
 * keyring, mount table or token salt older than storage (another node rotated or mounted
 * while it was a standby), so it re-reads them before serving.
 */
@Component
class ActiveRoleListener implements HaListener, SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ActiveRoleListener.class);

	private final HaCluster ha;

	private final Barrier barrier;

	private final MountService mounts;

	private final TokenStore tokens;

	ActiveRoleListener(HaCluster ha, Barrier barrier, MountService mounts, TokenStore tokens) {
		this.ha = ha;
		this.barrier = barrier;
		this.mounts = mounts;
		this.tokens = tokens;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.ha.addListener(this);
	}

	@Override
	public void becameActive() {
		log.info("This node is now the active node");
		if (this.barrier.isSealed()) {
			return;
		}
		this.barrier.reload();
		this.mounts.reload();
		this.tokens.reset();
	}

	@Override
	public void becameStandby() {
		log.info("This node is now a standby");
		this.tokens.reset();
	}

}
