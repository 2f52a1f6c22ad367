package io.coffer.secrets.seal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.ha.FakeHaCluster;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.InMemoryStorage;
import io.coffer.secrets.token.TokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealServiceTest {

	private final InMemoryStorage storage = new InMemoryStorage();

	private final FakeHaCluster ha = new FakeHaCluster();

	private final List<Object> events = new ArrayList<>();

	private Barrier barrier;

	private TokenStore tokens;

	private SealService seal;

	@BeforeEach
	void setUp() {
		SecureRandom random = new SecureRandom();
		this.barrier = new Barrier(this.storage, random, Clock.systemUTC());
		this.tokens = new TokenStore(this.barrier, random, Clock.systemUTC());
		this.seal = new SealService(this.storage, this.barrier, this.ha, this.tokens, ConfiguredSeal.shamir(), random,
				this.events::add);
	}

	@Test
	void initReturnsSharesAndRootTokenAndLeavesTheNodeSealed() {
		InitResult result = this.seal.init(5, 3);

		assertThat(result.keys()).hasSize(5).allSatisfy((key) -> assertThat(key).matches("[0-9a-f]{66}"));
		assertThat(result.keysBase64()).hasSize(5);
		assertThat(result.rootToken()).matches("hvs\\.[0-9A-Za-z]{24}");
		SealStatus status = this.seal.status();
		assertThat(status.initialized()).isTrue();
		assertThat(status.sealed()).isTrue();
		assertThat(status.t()).isEqualTo(3);
		assertThat(status.n()).isEqualTo(5);
		assertThat(this.ha.isActive()).isFalse();
	}

	@Test
	void anyThresholdOfSharesUnsealsAndTheRootTokenThenWorks() {
		InitResult result = this.seal.init(5, 3);

		assertThat(this.seal.unseal(result.keys().get(4), false).progress()).isEqualTo(1);
		assertThat(this.seal.unseal(result.keysBase64().get(1), false).progress()).isEqualTo(2);
		SealStatus status = this.seal.unseal(result.keys().get(2), false);

		assertThat(status.sealed()).isFalse();
		assertThat(status.progress()).isZero();
		assertThat(status.clusterName()).startsWith("vault-cluster-");
		assertThat(this.tokens.lookup(result.rootToken())).hasValueSatisfying((e) -> assertThat(e.isRoot()).isTrue());
		assertThat(this.ha.isActive()).isTrue();
		assertThat(this.events).contains(new SealEvent.Unsealed());
	}

	@Test
	void unsealFailsWithACorruptedShareAtThresholdAndResetsProgress() {
		InitResult result = this.seal.init(5, 3);
		byte[] corrupted = HexFormat.of().parseHex(result.keys().get(2));
		corrupted[5] ^= 0x40;

		this.seal.unseal(result.keys().get(0), false);
		this.seal.unseal(result.keys().get(1), false);
		assertThatThrownBy(() -> this.seal.unseal(HexFormat.of().formatHex(corrupted), false))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(400));

		assertThat(this.seal.status().sealed()).isTrue();
		assertThat(this.seal.status().progress()).isZero();
		assertThat(this.seal.status().nonce()).isEmpty();
	}

	@Test
	void aMalformedKeyIsRefusedAndProgressIsUnchanged() {
		InitResult result = this.seal.init(5, 3);
		this.seal.unseal(result.keys().get(0), false);

		for (String bad : List.of("zz-not-a-key", "abcd", "", result.keys().get(1).substring(2))) {
			assertThatThrownBy(() -> this.seal.unseal(bad, false)).isInstanceOfSatisfying(VaultException.class,
					(ex) -> assertThat(ex.status()).isEqualTo(400));
		}
		assertThat(this.seal.status().progress()).isEqualTo(1);
	}

	@Test
	void aShareGivenTwiceCountsOnce() {
		InitResult result = this.seal.init(3, 2);
		this.seal.unseal(result.keys().get(0), false);

		assertThat(this.seal.unseal(result.keysBase64().get(0), false).progress()).isEqualTo(1);
		assertThat(this.seal.status().sealed()).isTrue();
	}

	@Test
	void resetDropsProgressAndMissingKeyIsABadRequest() {
		InitResult result = this.seal.init(3, 2);
		this.seal.unseal(result.keys().get(0), false);

		assertThat(this.seal.unseal(null, true).progress()).isZero();
		assertThatThrownBy(() -> this.seal.unseal(null, false))
			.hasMessageContaining("'key' must be specified in request body as JSON, or 'reset' set to true");
	}

	@Test
	void aSecondInitIsRefusedAndChangesNothing() {
		InitResult first = this.seal.init(3, 2);

		assertThatThrownBy(() -> this.seal.init(1, 1)).hasMessage("Vault is already initialized");
		this.seal.unseal(first.keys().get(0), false);
		assertThat(this.seal.unseal(first.keys().get(1), false).sealed()).isFalse();
	}

	@Test
	void invalidShareConfigurationsAreRefusedWithoutInitializing() {
		assertThatThrownBy(() -> this.seal.init(3, 4)).isInstanceOf(VaultException.class);
		assertThatThrownBy(() -> this.seal.init(0, 0)).isInstanceOf(VaultException.class);
		assertThatThrownBy(() -> this.seal.init(3, 1)).isInstanceOf(VaultException.class);
		assertThatThrownBy(() -> this.seal.init(256, 2)).isInstanceOf(VaultException.class);

		assertThat(this.seal.isInitialized()).isFalse();
		assertThat(this.storage.raw()).isEmpty();
	}

	@Test
	void aSingleShareIsTheUnsealKeyItself() {
		InitResult result = this.seal.init(1, 1);

		assertThat(result.keys().get(0)).hasSize(64);
		assertThat(this.seal.unseal(result.keys().get(0), false).sealed()).isFalse();
	}

	@Test
	void sealDropsKeysAndLeavesTheElection() {
		InitResult result = this.seal.init(1, 1);
		this.seal.unseal(result.keys().get(0), false);

		this.seal.seal();

		assertThat(this.seal.isSealed()).isTrue();
		assertThat(this.ha.isActive()).isFalse();
		assertThat(this.seal.status().clusterName()).isNull();
	}

	@Test
	void aSealConfigStoredBeforeRecoveryKeysExistedStillReads() {
		InitResult result = this.seal.init(3, 2);
		this.storage.put(SealService.SEAL_CONFIG_PATH,
				"{\"type\":\"shamir\",\"secret_shares\":3,\"secret_threshold\":2}".getBytes());

		assertThat(this.seal.status().t()).isEqualTo(2);
		this.seal.unseal(result.keys().get(0), false);
		assertThat(this.seal.unseal(result.keys().get(1), false).sealed()).isFalse();
	}

	@Test
	void theInitAnswerHasNoRecoveryKeyFieldsWithShamir() {
		InitResult result = this.seal.init(1, 1);

		assertThat(Json.readMap(Json.write(result))).containsOnlyKeys("keys", "keys_base64", "root_token");
	}

}
