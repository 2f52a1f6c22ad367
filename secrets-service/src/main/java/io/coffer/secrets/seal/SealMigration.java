package io.coffer.secrets.seal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.NodeInfo;
import io.coffer.secrets.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seal migration from Shamir to an auto seal (Vault's {@code sys/unseal} with
 * {@code migrate: true}): once the old unseal key shares have released the root key, the
 * root key is protected by the new seal instead, and the unseal key becomes the recovery
 * key, so the operators keep the very shares they hold, now as recovery keys.
 */
final class SealMigration {

	private static final Logger log = LoggerFactory.getLogger(SealMigration.class);

	private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

	private final SealStore store;

	private final HaCluster ha;

	private final SecureRandom random;

	SealMigration(SealStore store, HaCluster ha, SecureRandom random) {
		this.store = store;
		this.ha = ha;
		this.random = random;
	}

	/**
	 * Rewrites the seal state for {@code target} as the active node, and leaves this node
	 * sealed and out of the election (the caller then opens the barrier).
	 */
	void migrate(KeyShares.Released released, SealConfig shamir, Seal target) {
		Optional<NodeInfo> other = this.ha.activeNode().filter((node) -> !node.nodeId().equals(this.ha.nodeId()));
		if (other.isPresent()) {
			throw VaultException.badRequest("seal migration must run on the node that becomes active, and node "
					+ other.get().nodeId() + " is active: seal or stop the other nodes first");
		}
		byte[] wrapped;
		try {
			wrapped = target.encrypt(released.rootKey(), SealStore.ROOT_KEY_PATH);
		}
		catch (SealUnavailableException ex) {
			log.warn("Seal migration to {} failed: {}", target.type(), ex.getMessage());
			throw VaultException.badRequest("seal migration failed: " + ex.getMessage());
		}
		SealConfig migrated = SealConfig.auto(target.type(), shamir.secretShares(), shamir.secretThreshold());
		try {
			this.ha.awaitActive(ACTIVE_TIMEOUT);
			this.store.replace(migrated, wrapped, RecoveryKeyCheck.of(released.unsealKey(), this.random));
		}
		catch (StorageException ex) {
			throw new VaultException(503, "seal migration failed: this node could not become active to write");
		}
		finally {
			this.ha.leaveElection();
		}
		log.info("Seal migrated from shamir to {}; the {} unseal key shares are now recovery keys (threshold {})",
				target.type(), shamir.secretShares(), shamir.secretThreshold());
	}

}
