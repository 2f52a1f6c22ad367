package io.coffer.secrets.seal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.coffer.secrets.barrier.AesGcm;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.core.ClusterIdentity;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.token.TokenStore;

/**
 * Creates a new cluster's keys: root key, keyring, root token, cluster identity, and the
 * key that protects the root key: an unseal key split into shares (Shamir), or the
 * auto-unseal provider plus a recovery key split into shares.
 */
final class SealInitializer {

	static final String CLUSTER_IDENTITY_PATH = "core/cluster-identity";

	private final SealStore store;

	private final Barrier barrier;

	private final TokenStore tokens;

	private final SecureRandom random;

	SealInitializer(SealStore store, Barrier barrier, TokenStore tokens, SecureRandom random) {
		this.store = store;
		this.barrier = barrier;
		this.tokens = tokens;
		this.random = random;
	}

	/**
	 * Initializes storage as the active node and leaves the barrier sealed.
	 * @return the init answer and the root key (for an auto seal to open the barrier at
	 * once; the caller destroys it)
	 */
	Initialized initialize(InitRequest request, ConfiguredSeal seal) {
		byte[] rootKey = randomKey();
		byte[] shareKey = randomKey();
		try {
			SealConfig config;
			byte[] protectedRootKey;
			RecoveryKeyCheck check = null;
			if (seal.isAuto()) {
				config = SealConfig.auto(seal.type(), request.recoveryShares(), request.recoveryThreshold());
				protectedRootKey = wrap(seal.provider(), rootKey);
				check = RecoveryKeyCheck.of(shareKey, this.random);
			}
			else {
				config = SealConfig.shamir(request.secretShares(), request.secretThreshold());
				protectedRootKey = RootKeyProtector.protect(rootKey, shareKey, this.random);
			}
			SealConfig sealConfig = config;
			RecoveryKeyCheck recoveryCheck = check;
			// the seal configuration last (it marks storage initialized), while this node
			// still holds the log key that signs it
			String rootToken = writeBarrierContents(rootKey,
					() -> this.store.replace(sealConfig, protectedRootKey, recoveryCheck));
			SealConfig.KeyQuorum quorum = config.quorum();
			List<byte[]> split = ShamirKeys.split(shareKey, quorum.shares(), quorum.threshold(), this.random);
			List<String> hex = split.stream().map(ShamirKeys::hex).toList();
			List<String> base64 = split.stream().map(ShamirKeys::base64).toList();
			split.forEach((share) -> Arrays.fill(share, (byte) 0));
			InitResult result = seal.isAuto() ? new InitResult(List.of(), List.of(), hex, base64, rootToken)
					: new InitResult(hex, base64, List.of(), List.of(), rootToken);
			return new Initialized(result, rootKey.clone());
		}
		finally {
			Arrays.fill(rootKey, (byte) 0);
			Arrays.fill(shareKey, (byte) 0);
		}
	}

	private byte[] wrap(Seal provider, byte[] rootKey) {
		try {
			return provider.encrypt(rootKey, SealStore.ROOT_KEY_PATH);
		}
		catch (SealUnavailableException ex) {
			throw VaultException
				.badRequest("failed to protect the root key with the " + provider.type() + " seal: " + ex.getMessage());
		}
	}

	/**
	 * The keyring, root token and cluster identity, then {@code last}; returns the root
	 * token.
	 */
	private String writeBarrierContents(byte[] rootKey, Runnable last) {
		try {
			this.barrier.initialize(rootKey);
			this.barrier.unseal(rootKey);
			TokenStore.RootTokenBatch root = this.tokens.prepareRoot();
			List<StorageOp> ops = new ArrayList<>(root.ops());
			byte[] suffix = new byte[4];
			this.random.nextBytes(suffix);
			ops.add(new StorageOp.Put(CLUSTER_IDENTITY_PATH,
					Json.write(new ClusterIdentity("vault-cluster-" + HexFormat.of().formatHex(suffix),
							UUID.randomUUID().toString()))));
			this.barrier.write(ops);
			last.run();
			return root.token();
		}
		finally {
			this.barrier.seal();
			this.tokens.reset();
		}
	}

	private byte[] randomKey() {
		byte[] key = new byte[AesGcm.KEY_BYTES];
		this.random.nextBytes(key);
		return key;
	}

	/**
	 * @param result what sys/init answers
	 * @param rootKey the new root key
	 */
	record Initialized(InitResult result, byte[] rootKey) {

		void destroy() {
			Arrays.fill(this.rootKey, (byte) 0);
		}

		@Override
		public String toString() {
			return "Initialized[<redacted>]";
		}

	}

}
