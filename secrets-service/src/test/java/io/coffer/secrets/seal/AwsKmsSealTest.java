package io.coffer.secrets.seal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.InMemoryStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The awskms seal with the real AWS SDK {@code KmsClient} (default credential chain,
 * endpoint override, region) against {@link KmsStub}, an in-test server speaking the KMS
 * JSON protocol.
 */
@ExtendWith(KmsStub.ExampleCredentials.class)
class AwsKmsSealTest {

	private final InMemoryStorage storage = new InMemoryStorage();

	private KmsStub kms;

	private ConfiguredSeal configured;

	@BeforeEach
	void startKms() throws Exception {
		this.kms = new KmsStub();
		this.configured = this.kms.seal(Duration.ofMillis(20), Duration.ofMillis(100));
	}

	@AfterEach
	void stopKms() throws Exception {
		this.configured.close();
		this.kms.close();
	}

	@Test
	void initReturnsRecoveryKeysAndUnsealsAtOnce() {
		TestNode node = TestNode.start(this.storage, this.configured);

		InitResult init = node.seal().init(InitRequest.recovery(5, 3));

		assertThat(init.keys()).isEmpty();
		assertThat(init.keysBase64()).isEmpty();
		assertThat(init.recoveryKeys()).hasSize(5).allSatisfy((key) -> assertThat(key).matches("[0-9a-f]{66}"));
		assertThat(node.seal().isSealed()).isFalse();
		assertThat(node.isRoot(init.rootToken())).isTrue();
		SealStatus status = node.seal().status();
		assertThat(status.type()).isEqualTo("awskms");
		assertThat(status.recoverySeal()).isTrue();
		assertThat(status.t()).isEqualTo(3);
		assertThat(status.n()).isEqualTo(5);
		assertThat(this.kms.calls()).isPositive();
	}

	@Test
	void aRestartedNodeUnsealsItselfThroughKms() {
		InitResult init = TestNode.start(this.storage, this.configured).seal().init(InitRequest.recovery(3, 2));
		TestNode restarted = TestNode.start(this.storage, this.configured);
		assertThat(restarted.seal().isSealed()).isTrue();

		assertThat(restarted.seal().autoUnseal()).isEqualTo(SealService.AutoUnsealOutcome.UNSEALED);

		assertThat(restarted.seal().isSealed()).isFalse();
		assertThat(restarted.ha().isActive()).isTrue();
		assertThat(restarted.isRoot(init.rootToken())).isTrue();
	}

	@Test
	void accessDeniedKeepsTheNodeSealedWithAClearReasonUntilKmsAllowsIt() {
		InitResult init = TestNode.start(this.storage, this.configured).seal().init(InitRequest.recovery(3, 2));
		TestNode restarted = TestNode.start(this.storage, this.configured);
		this.kms.denyAccess(true);

		assertThatThrownBy(() -> restarted.seal().autoUnseal()).isInstanceOf(SealUnavailableException.class)
			.hasMessageContaining("access denied")
			.hasMessageContaining("AccessDeniedException")
			.hasMessageContaining("alias/coffer")
			.hasMessageNotContaining(init.rootToken());
		assertThat(restarted.seal().isSealed()).isTrue();

		AutoUnsealer unsealer = new AutoUnsealer(restarted.seal(), new SealProperties("awskms", null, null,
				new SealProperties.Retry(Duration.ofMillis(20), Duration.ofMillis(100))), Clock.systemUTC());
		int before = this.kms.calls();
		unsealer.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.kms.calls() >= before + 3);
			assertThat(restarted.seal().isSealed()).isTrue();
			this.kms.denyAccess(false);
			await().atMost(Duration.ofSeconds(10)).until(() -> !restarted.seal().isSealed());
		}
		finally {
			unsealer.stop();
		}
		assertThat(restarted.isRoot(init.rootToken())).isTrue();
	}

	@Test
	void unsealKeysAreRefusedOnAnAutoSealNode() {
		InitResult init = TestNode.start(this.storage, this.configured).seal().init(InitRequest.recovery(3, 2));
		TestNode restarted = TestNode.start(this.storage, this.configured);

		assertThatThrownBy(() -> restarted.seal().unseal(init.recoveryKeys().get(0), false))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(400))
			.hasMessageContaining("unseals itself");
		assertThat(restarted.seal().isSealed()).isTrue();
	}

	@Test
	void initWithUnsealKeySharesIsRefused() {
		TestNode node = TestNode.start(this.storage, this.configured);

		assertThatThrownBy(() -> node.seal().init(new InitRequest(5, 3, 5, 3))).isInstanceOf(VaultException.class)
			.hasMessageContaining("recovery_shares");
		assertThatThrownBy(() -> node.seal().init(InitRequest.recovery(0, 0))).isInstanceOf(VaultException.class)
			.hasMessageContaining("invalid recovery configuration");
		assertThat(node.seal().isInitialized()).isFalse();
	}

	@Test
	void aCiphertextDecryptsOnlyForThePathItWasBoundTo() {
		Seal seal = this.configured.provider();
		byte[] blob = seal.encrypt(new byte[] { 1, 2, 3 }, "core/root-key");

		assertThat(seal.decrypt(blob, "core/root-key")).containsExactly(1, 2, 3);
		assertThatThrownBy(() -> seal.decrypt(blob, "core/elsewhere")).isInstanceOf(SealUnavailableException.class)
			.hasMessageContaining("InvalidCiphertextException");
	}

	@Test
	void recoveryKeysRekeyAndThenOnlyTheNewOnesGenerateARoot() {
		TestNode node = TestNode.start(this.storage, this.configured);
		InitResult init = node.seal().init(InitRequest.recovery(5, 3));

		RekeyStatus started = node.rekey().start(true, 3, 2);
		assertThat(started.required()).isEqualTo(3);
		for (int i = 0; i < 2; i++) {
			assertThat(node.rekey().update(true, init.recoveryKeys().get(i), started.nonce()))
				.isInstanceOf(RekeyStatus.class);
		}
		RekeyResult result = (RekeyResult) node.rekey().update(true, init.recoveryKeys().get(2), started.nonce());
		assertThat(result.keys()).hasSize(3);
		assertThat(node.seal().status().t()).isEqualTo(2);
		assertThat(node.seal().status().n()).isEqualTo(3);

		assertThat(generateRoot(node, init.recoveryKeys().subList(0, 2))).isNull();
		String token = generateRoot(node, result.keys().subList(1, 3));
		assertThat(node.isRoot(token)).isTrue();
	}

	/** A full generate-root; the decoded token, or null when the keys were refused. */
	private static String generateRoot(TestNode node, List<String> keys) {
		GenerateRootStatus started = node.generateRoot().start(null, null);
		GenerateRootStatus last = started;
		try {
			for (String key : keys) {
				last = node.generateRoot().update(key, started.nonce());
			}
		}
		catch (VaultException ex) {
			node.generateRoot().cancel();
			return null;
		}
		return OtpDecoder.decode(last.encodedToken(), started.otp());
	}

}
