package io.coffer.secrets.seal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.coffer.secrets.barrier.AesGcm;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.BarrierException;
import io.coffer.secrets.core.ClusterIdentity;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.core.Version;
import io.coffer.secrets.engine.VaultException;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.Storage;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.token.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Init, unseal and seal of this node with a Shamir seal. The unseal key (joined from
 * shares) decrypts the root key; the root key opens the barrier's keyring. A node takes
 * part in the HA election only while unsealed.
 */
@Service
public class SealService {

	public static final String SEAL_CONFIG_PATH = "core/seal-config";

	static final String CLUSTER_IDENTITY_PATH = "core/cluster-identity";

	private static final Logger log = LoggerFactory.getLogger(SealService.class);

	private static final Duration INIT_ACTIVE_TIMEOUT = Duration.ofSeconds(60);

	private final Storage storage;

	private final Barrier barrier;

	private final HaCluster ha;

	private final TokenStore tokens;

	private final SecureRandom random;

	private final ApplicationEventPublisher events;

	private final UnsealProgress progress = new UnsealProgress();

	private volatile ClusterIdentity identity;

	public SealService(Storage storage, Barrier barrier, HaCluster ha, TokenStore tokens, SecureRandom random,
			ApplicationEventPublisher events) {
		this.storage = storage;
		this.barrier = barrier;
		this.ha = ha;
		this.tokens = tokens;
		this.random = random;
		this.events = events;
	}

	public boolean isInitialized() {
		return sealConfig().isPresent();
	}

	public boolean isSealed() {
		return this.barrier.isSealed();
	}

	/** The cluster's identity, known once this node has been unsealed. */
	public Optional<ClusterIdentity> clusterIdentity() {
		return Optional.ofNullable(this.identity);
	}

	public synchronized SealStatus status() {
		Optional<SealConfig> config = sealConfig();
		ClusterIdentity id = isSealed() ? null : this.identity;
		return new SealStatus("shamir", config.isPresent(), isSealed(),
				config.map(SealConfig::secretThreshold).orElse(0), config.map(SealConfig::secretShares).orElse(0),
				this.progress.count(), this.progress.nonce(), Version.REPORTED, Version.BUILD_DATE, false,
				(id != null) ? id.name() : null, (id != null) ? id.id() : null, false, "raft");
	}

	/**
	 * Vault's {@code sys/init}: creates the root key, keyring, root token and seal
	 * configuration.
	 */
	public synchronized InitResult init(int shares, int threshold) {
		validate(shares, threshold);
		if (isInitialized()) {
			throw VaultException.badRequest("Vault is already initialized");
		}
		this.ha.joinElection();
		try {
			this.ha.awaitActive(INIT_ACTIVE_TIMEOUT);
			if (isInitialized()) {
				throw VaultException.badRequest("Vault is already initialized");
			}
			return initializeAsActive(shares, threshold);
		}
		finally {
			if (isSealed()) {
				this.ha.leaveElection();
			}
		}
	}

	private InitResult initializeAsActive(int shares, int threshold) {
		byte[] rootKey = randomKey();
		byte[] unsealKey = randomKey();
		try {
			this.barrier.initialize(rootKey);
			this.barrier.unseal(rootKey);
			TokenStore.RootTokenBatch root = this.tokens.prepareRoot();
			List<StorageOp> ops = new ArrayList<>(root.ops());
			String suffix = HexFormat.of().formatHex(randomBytes(4));
			ops.add(new StorageOp.Put(CLUSTER_IDENTITY_PATH,
					Json.write(new ClusterIdentity("vault-cluster-" + suffix, UUID.randomUUID().toString()))));
			this.barrier.write(ops);
			this.barrier.seal();
			this.tokens.reset();
			// The seal config goes last and with the protected root key: until it is
			// stored, init did not happen.
			this.storage.write(List.of(
					new StorageOp.Put(RootKeyProtector.ROOT_KEY_PATH,
							RootKeyProtector.protect(rootKey, unsealKey, this.random)),
					new StorageOp.Put(SEAL_CONFIG_PATH, Json.write(new SealConfig("shamir", shares, threshold)))));
			List<byte[]> split = ShamirKeys.split(unsealKey, shares, threshold, this.random);
			InitResult result = new InitResult(split.stream().map(ShamirKeys::hex).toList(),
					split.stream().map(ShamirKeys::base64).toList(), root.token());
			split.forEach((share) -> Arrays.fill(share, (byte) 0));
			log.info("Initialized with {} key shares, threshold {}", shares, threshold);
			return result;
		}
		finally {
			if (!this.barrier.isSealed()) {
				this.barrier.seal();
			}
			Arrays.fill(rootKey, (byte) 0);
			Arrays.fill(unsealKey, (byte) 0);
		}
	}

	/**
	 * Vault's {@code sys/unseal}: adds a share, or resets progress; at the threshold,
	 * opens the barrier.
	 */
	public synchronized SealStatus unseal(String key, boolean reset) {
		if (reset) {
			this.progress.reset();
			return status();
		}
		if (key == null) {
			throw VaultException.badRequest("'key' must be specified in request body as JSON, or 'reset' set to true");
		}
		SealConfig config = sealConfig().orElseThrow(() -> VaultException.badRequest("Vault is not initialized"));
		if (!isSealed()) {
			return status();
		}
		int shareLength = (config.secretShares() == 1) ? AesGcm.KEY_BYTES : AesGcm.KEY_BYTES + 1;
		byte[] share = ShamirKeys.decode(key, shareLength)
			.orElseThrow(() -> VaultException.badRequest("'key' must be a valid hex or base64 string"));
		this.progress.add(share);
		if (this.progress.count() >= config.secretThreshold()) {
			openWith(config);
		}
		return status();
	}

	private void openWith(SealConfig config) {
		List<byte[]> shares = this.progress.shares();
		byte[] unsealKey = null;
		byte[] rootKey = null;
		try {
			unsealKey = ShamirKeys.combine(shares, config.secretShares(), config.secretThreshold());
			byte[] blob = this.storage.get(RootKeyProtector.ROOT_KEY_PATH)
				.orElseThrow(() -> new IllegalStateException("root key missing from storage"));
			rootKey = RootKeyProtector.release(blob, unsealKey);
			this.barrier.unseal(rootKey);
		}
		catch (BarrierException | IllegalArgumentException ex) {
			log.warn("Unseal failed: the key shares do not open the root key; progress reset");
			throw VaultException.badRequest("failed to unseal: the given key shares are not valid for this Vault");
		}
		finally {
			this.progress.reset();
			if (unsealKey != null) {
				Arrays.fill(unsealKey, (byte) 0);
			}
			if (rootKey != null) {
				Arrays.fill(rootKey, (byte) 0);
			}
		}
		this.identity = this.barrier.get(CLUSTER_IDENTITY_PATH)
			.map((bytes) -> Json.read(bytes, ClusterIdentity.class))
			.orElse(null);
		log.info("Unsealed; joining the HA election");
		this.events.publishEvent(new SealEvent.Unsealed());
		this.ha.joinElection();
	}

	/** Vault's {@code sys/seal}: steps down and drops every key from memory. */
	public synchronized void seal() {
		this.progress.reset();
		if (isSealed()) {
			return;
		}
		this.ha.leaveElection();
		this.barrier.seal();
		this.tokens.reset();
		this.events.publishEvent(new SealEvent.Sealed());
		log.info("Sealed");
	}

	private Optional<SealConfig> sealConfig() {
		return this.storage.get(SEAL_CONFIG_PATH).map((bytes) -> Json.read(bytes, SealConfig.class));
	}

	private static void validate(int shares, int threshold) {
		if (shares < 1) {
			throw VaultException.badRequest("invalid seal configuration: shares must be at least one");
		}
		if (threshold < 1) {
			throw VaultException.badRequest("invalid seal configuration: threshold must be at least one");
		}
		if (shares > 255) {
			throw VaultException.badRequest("invalid seal configuration: shares must be at most 255");
		}
		if (threshold > shares) {
			throw VaultException.badRequest("invalid seal configuration: threshold cannot be larger than shares");
		}
		if (shares > 1 && threshold == 1) {
			throw VaultException
				.badRequest("invalid seal configuration: threshold must be greater than one for multiple shares");
		}
	}

	private byte[] randomKey() {
		return randomBytes(AesGcm.KEY_BYTES);
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

}
