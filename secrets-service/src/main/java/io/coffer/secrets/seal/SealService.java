package io.coffer.secrets.seal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.BarrierException;
import io.coffer.secrets.core.ClusterIdentity;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.core.Version;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.StandbyException;
import io.coffer.secrets.storage.Storage;
import io.coffer.secrets.token.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Init, unseal and seal of this node. The seal (an unseal key joined from Shamir shares,
 * or an auto-unseal provider) releases the root key; the root key opens the barrier's
 * keyring. A node takes part in the HA election only while unsealed.
 */
@Service
public class SealService {

	private static final java.time.Duration REPLICATION_GRACE = java.time.Duration.ofSeconds(3);

	public static final String SEAL_CONFIG_PATH = SealStore.SEAL_CONFIG_PATH;

	/**
	 * The seal's records, stored outside the barrier (needed while sealed; each protects
	 * itself or holds nothing secret).
	 */
	public static final Set<String> RECORD_PATHS = Set.of(SealStore.SEAL_CONFIG_PATH, SealStore.ROOT_KEY_PATH,
			SealStore.RECOVERY_CHECK_PATH);

	private static final Logger log = LoggerFactory.getLogger(SealService.class);

	static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);

	private final SealStore store;

	private final Barrier barrier;

	private final HaCluster ha;

	private final TokenStore tokens;

	private final ConfiguredSeal configured;

	private final ApplicationEventPublisher events;

	private final SealInitializer initializer;

	private final KeyShares keyShares;

	private final SealMigration migration;

	private final ShareProgress progress = new ShareProgress();

	private String nonce = "";

	private volatile ClusterIdentity identity;

	public SealService(Storage storage, Barrier barrier, HaCluster ha, TokenStore tokens, ConfiguredSeal configured,
			SecureRandom random, ApplicationEventPublisher events) {
		this.store = new SealStore(storage);
		this.barrier = barrier;
		this.ha = ha;
		this.tokens = tokens;
		this.configured = configured;
		this.events = events;
		this.initializer = new SealInitializer(this.store, barrier, tokens, random);
		this.keyShares = new KeyShares(this.store);
		this.migration = new SealMigration(this.store, ha, random);
	}

	public boolean isInitialized() {
		return this.store.config().isPresent();
	}

	public boolean isSealed() {
		return this.barrier.isSealed();
	}

	/** The seal this node is configured with. */
	public ConfiguredSeal configuredSeal() {
		return this.configured;
	}

	/** The cluster's identity, known once this node has been unsealed. */
	/**
	 * The cluster's name and id, once unsealed. Read at unseal; read again while missing
	 * (a node unsealed while its replica had not applied the entry that holds it yet).
	 */
	public Optional<ClusterIdentity> clusterIdentity() {
		ClusterIdentity id = this.identity;
		if (id == null && !isSealed()) {
			try {
				id = this.barrier.get(SealInitializer.CLUSTER_IDENTITY_PATH)
					.map((bytes) -> Json.read(bytes, ClusterIdentity.class))
					.orElse(null);
				this.identity = id;
			}
			catch (RuntimeException ex) {
				// sealed in between: no identity to report
				return Optional.empty();
			}
		}
		return Optional.ofNullable(id);
	}

	public synchronized SealStatus status() {
		Optional<SealConfig> config = this.store.config();
		ClusterIdentity id = isSealed() ? null : clusterIdentity().orElse(null);
		boolean migrating = config.map(this::migrationPending).orElse(false);
		// While migrating the operator still gives Shamir unseal keys: report that seal.
		boolean recovery = this.configured.isAuto() && !migrating;
		String type = migrating ? ConfiguredSeal.SHAMIR : this.configured.type();
		int t = config.map((c) -> recovery ? c.recoveryThreshold() : c.secretThreshold()).orElse(0);
		int n = config.map((c) -> recovery ? c.recoveryShares() : c.secretShares()).orElse(0);
		return new SealStatus(type, config.isPresent(), isSealed(), t, n, this.progress.count(), this.nonce,
				Version.REPORTED, Version.BUILD_DATE, migrating, (id != null) ? id.name() : null,
				(id != null) ? id.id() : null, recovery, "raft");
	}

	/** Vault's {@code sys/init} with unseal key shares (Shamir seal). */
	public InitResult init(int shares, int threshold) {
		return init(InitRequest.shamir(shares, threshold));
	}

	/**
	 * Vault's {@code sys/init}: creates the root key, keyring, root token and seal
	 * configuration. With an auto seal the node unseals itself at once, as Vault does.
	 */
	public synchronized InitResult init(InitRequest request) {
		InitValidation.check(request, this.configured);
		if (isInitialized()) {
			throw VaultException.badRequest("Vault is already initialized");
		}
		this.ha.joinElection();
		try {
			this.ha.awaitActive(ACTIVE_TIMEOUT);
			if (isInitialized()) {
				throw VaultException.badRequest("Vault is already initialized");
			}
			SealInitializer.Initialized done = this.initializer.initialize(request, this.configured);
			try {
				log.info("Initialized with the {} seal ({} of {} {} key shares)", this.configured.type(),
						done.result().keys().isEmpty() ? request.recoveryThreshold() : request.secretThreshold(),
						done.result().keys().isEmpty() ? request.recoveryShares() : request.secretShares(),
						this.configured.isAuto() ? "recovery" : "unseal");
				if (this.configured.isAuto()) {
					// Re-enter the election unsealed, so activation reloads what init
					// wrote.
					this.ha.leaveElection();
					open(done.rootKey());
				}
				return done.result();
			}
			finally {
				done.destroy();
			}
		}
		finally {
			if (isSealed()) {
				this.ha.leaveElection();
			}
		}
	}

	/**
	 * Vault's {@code sys/unseal}: adds a share, or resets progress; at the threshold,
	 * opens the barrier (or, with {@code migrate}, moves the root key to the configured
	 * auto seal first).
	 */
	public synchronized SealStatus unseal(String key, boolean reset, boolean migrate) {
		if (reset) {
			resetProgress();
			return status();
		}
		if (key == null) {
			throw VaultException.badRequest("'key' must be specified in request body as JSON, or 'reset' set to true");
		}
		SealConfig config = configAllowingForReplication()
			.orElseThrow(() -> VaultException.badRequest("Vault is not initialized"));
		boolean migrating = migrationPending(config);
		checkUnsealAllowed(config, migrating, migrate);
		if (!isSealed()) {
			return status();
		}
		this.progress.add(KeyShares.decode(key, config.secretShares()));
		if (this.nonce.isEmpty()) {
			this.nonce = UUID.randomUUID().toString();
		}
		if (this.progress.count() >= config.secretThreshold()) {
			KeyShares.Released released;
			try {
				released = this.keyShares.releaseRootKey(this.progress.shares(), config).orElseThrow(() -> {
					log.warn("Unseal failed: the key shares do not open the root key; progress reset");
					return VaultException
						.badRequest("failed to unseal: the given key shares are not valid for this Vault");
				});
			}
			finally {
				resetProgress();
			}
			try {
				if (migrating) {
					// the migration writes as the active node before the barrier opens
					this.barrier.authenticateLog(released.rootKey());
					try {
						this.migration.migrate(released, config, this.configured.provider());
					}
					catch (RuntimeException ex) {
						this.barrier.seal();
						throw ex;
					}
				}
				open(released.rootKey());
			}
			finally {
				released.destroy();
			}
		}
		return status();
	}

	/** Vault's {@code sys/unseal} without migration. */
	public SealStatus unseal(String key, boolean reset) {
		return unseal(key, reset, false);
	}

	/**
	 * One auto-unseal attempt: asks the provider for the root key (outside the lock, so
	 * status calls are not held up by a slow provider) and opens the barrier with it.
	 * @throws SealUnavailableException when the provider fails; the message is safe to
	 * log
	 */
	public AutoUnsealOutcome autoUnseal() {
		Seal provider = this.configured.provider();
		if (provider == null || !isSealed()) {
			return AutoUnsealOutcome.UNSEALED;
		}
		Optional<SealConfig> config = this.store.config();
		if (config.isEmpty()) {
			return AutoUnsealOutcome.NOT_INITIALIZED;
		}
		if (migrationPending(config.get())) {
			return AutoUnsealOutcome.MIGRATION_PENDING;
		}
		if (!config.get().type().equals(provider.type())) {
			throw new SealUnavailableException(
					"storage is sealed with the " + config.get().type() + " seal but this node is configured with "
							+ provider.type() + "; migrating between auto seals is not supported");
		}
		byte[] rootKey = provider.decrypt(this.store.protectedRootKey(), SealStore.ROOT_KEY_PATH);
		try {
			synchronized (this) {
				if (isSealed()) {
					open(rootKey);
				}
			}
			return AutoUnsealOutcome.UNSEALED;
		}
		catch (BarrierException ex) {
			throw new SealUnavailableException(
					"the " + provider.type() + " seal released a key that does not open the keyring");
		}
		finally {
			Arrays.fill(rootKey, (byte) 0);
		}
	}

	/** Vault's {@code sys/seal}: steps down and drops every key from memory. */
	public synchronized void seal() {
		resetProgress();
		if (isSealed()) {
			return;
		}
		this.ha.leaveElection();
		this.barrier.seal();
		this.identity = null;
		this.tokens.reset();
		this.events.publishEvent(new SealEvent.Sealed());
		log.info("Sealed{}", this.configured.isAuto() ? "; an auto-unseal node stays sealed until restarted" : "");
	}

	/**
	 * After a forced restore installed another cluster's state on this node: seals it
	 * (every key, token and cache of the replaced state is dropped), so it is unsealed
	 * with the restored state's unseal keys, as in Vault. With an auto seal it tries once
	 * to unseal through the seal (Vault reloads the root key with its auto seal); if the
	 * seal cannot open the restored root key the node stays sealed.
	 */
	public void sealForForeignState() {
		seal();
		if (!this.configured.isAuto()) {
			return;
		}
		try {
			AutoUnsealOutcome outcome = autoUnseal();
			log.info("After the forced restore, auto-unseal with the {} seal: {}", this.configured.type(), outcome);
		}
		catch (RuntimeException ex) {
			log.warn("After the forced restore, auto-unseal with the {} seal failed, node stays sealed: {}",
					this.configured.type(), ex.getMessage());
		}
	}

	/**
	 * The stored seal configuration of an unsealed active node, for generate-root and
	 * rekey (both change storage, so only the active node serves them).
	 */
	/**
	 * Init is acknowledged once a majority of nodes applied it; the gateway sends the
	 * first unseal to every node at once, so a follower may still be a few milliseconds
	 * behind. Waiting briefly for the seal configuration keeps that follower from missing
	 * a share (it would then stay sealed while its peers open).
	 */
	private java.util.Optional<SealConfig> configAllowingForReplication() {
		long deadline = System.nanoTime() + REPLICATION_GRACE.toNanos();
		java.util.Optional<SealConfig> config = this.store.config();
		while (config.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			config = this.store.config();
		}
		return config;
	}

	SealConfig requireActiveConfig() {
		if (isSealed()) {
			throw new VaultException(503, "Vault is sealed");
		}
		if (!this.ha.isActive()) {
			throw new StandbyException("not the active node");
		}
		return this.store.config().orElseThrow(() -> VaultException.badRequest("Vault is not initialized"));
	}

	SealStore store() {
		return this.store;
	}

	KeyShares keyShares() {
		return this.keyShares;
	}

	/** Opens the barrier with the root key and joins the election. */
	private void open(byte[] rootKey) {
		this.barrier.unseal(rootKey);
		this.identity = this.barrier.get(SealInitializer.CLUSTER_IDENTITY_PATH)
			.map((bytes) -> Json.read(bytes, ClusterIdentity.class))
			.orElse(null);
		log.info("Unsealed with the {} seal; joining the HA election", this.configured.type());
		this.events.publishEvent(new SealEvent.Unsealed());
		this.ha.joinElection();
	}

	private boolean migrationPending(SealConfig config) {
		return this.configured.isAuto() && config.isShamir();
	}

	private void checkUnsealAllowed(SealConfig config, boolean migrating, boolean migrate) {
		if (migrating && !migrate) {
			throw VaultException
				.badRequest("'migrate' parameter must be set true in JSON body when in seal migration mode");
		}
		if (!migrating && migrate) {
			throw VaultException
				.badRequest("'migrate' parameter set true in JSON body when not in seal migration mode");
		}
		if (!migrating && this.configured.isAuto()) {
			throw VaultException.badRequest("this node uses the " + this.configured.type()
					+ " seal and unseals itself; unseal keys are not accepted (recovery keys serve generate-root and rekey)");
		}
		if (!config.isShamir()) {
			throw VaultException.badRequest("storage is sealed with the " + config.type()
					+ " seal but this node is configured with shamir; migrating from an auto seal to shamir is not supported");
		}
	}

	private void resetProgress() {
		this.progress.reset();
		this.nonce = "";
	}

	/** What an auto-unseal attempt found. */
	public enum AutoUnsealOutcome {

		/** The node is unsealed (now or already). */
		UNSEALED,
		/** Storage holds no seal configuration yet: waiting for sys/init. */
		NOT_INITIALIZED,
		/** Storage holds a Shamir seal: waiting for unseal keys with {@code migrate}. */
		MIGRATION_PENDING

	}

}
