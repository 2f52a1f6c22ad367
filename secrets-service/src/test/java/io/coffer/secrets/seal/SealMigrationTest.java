package io.coffer.secrets.seal;

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

/**
 * Shamir to awskms seal migration (the transit variant runs over HTTP in
 * {@code TransitAutoUnsealTest}).
 */
@ExtendWith(KmsStub.ExampleCredentials.class)
class SealMigrationTest {

	private final InMemoryStorage storage = new InMemoryStorage();

	private KmsStub kms;

	private ConfiguredSeal awskms;

	private InitResult init;

	@BeforeEach
	void shamirCluster() throws Exception {
		this.kms = new KmsStub();
		this.awskms = this.kms.seal(Duration.ofSeconds(1), Duration.ofSeconds(30));
		this.init = TestNode.start(this.storage, ConfiguredSeal.shamir()).seal().init(3, 2);
	}

	@AfterEach
	void stopKms() throws Exception {
		this.awskms.close();
		this.kms.close();
	}

	@Test
	void unsealWithMigrateMovesTheRootKeyToKmsAndKeepsTheSharesAsRecoveryKeys() {
		TestNode node = TestNode.start(this.storage, this.awskms);
		assertThat(node.seal().autoUnseal()).isEqualTo(SealService.AutoUnsealOutcome.MIGRATION_PENDING);
		SealStatus pending = node.seal().status();
		assertThat(pending.migration()).isTrue();
		assertThat(pending.type()).isEqualTo("shamir");
		assertThat(pending.t()).isEqualTo(2);
		assertThatThrownBy(() -> node.seal().unseal(this.init.keys().get(0), false, false))
			.hasMessageContaining("'migrate' parameter must be set true");

		node.seal().unseal(this.init.keys().get(0), false, true);
		SealStatus done = node.seal().unseal(this.init.keys().get(2), false, true);

		assertThat(done.sealed()).isFalse();
		assertThat(done.migration()).isFalse();
		assertThat(done.type()).isEqualTo("awskms");
		assertThat(done.recoverySeal()).isTrue();
		assertThat(done.t()).isEqualTo(2);
		assertThat(done.n()).isEqualTo(3);
		assertThat(node.isRoot(this.init.rootToken())).isTrue();

		TestNode restarted = TestNode.start(this.storage, this.awskms);
		assertThat(restarted.seal().autoUnseal()).isEqualTo(SealService.AutoUnsealOutcome.UNSEALED);
		GenerateRootStatus started = restarted.generateRoot().start(null, null);
		restarted.generateRoot().update(this.init.keys().get(1), started.nonce());
		GenerateRootStatus root = restarted.generateRoot().update(this.init.keys().get(2), started.nonce());
		assertThat(restarted.isRoot(OtpDecoder.decode(root.encodedToken(), started.otp()))).isTrue();
	}

	@Test
	void aMigrationWithTheNewSealUnreachableLeavesTheShamirSealIntact() {
		TestNode node = TestNode.start(this.storage, this.awskms);
		this.kms.denyAccess(true);

		node.seal().unseal(this.init.keys().get(0), false, true);
		assertThatThrownBy(() -> node.seal().unseal(this.init.keys().get(1), false, true))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(400))
			.hasMessageContaining("seal migration failed")
			.hasMessageContaining("AccessDeniedException");

		assertThat(node.seal().isSealed()).isTrue();
		TestNode shamir = TestNode.start(this.storage, ConfiguredSeal.shamir());
		List.of(0, 1).forEach((i) -> shamir.seal().unseal(this.init.keys().get(i), false));
		assertThat(shamir.seal().isSealed()).isFalse();
	}

	@Test
	void migrateIsRefusedWhenThereIsNothingToMigrate() {
		TestNode shamir = TestNode.start(this.storage, ConfiguredSeal.shamir());

		assertThatThrownBy(() -> shamir.seal().unseal(this.init.keys().get(0), false, true))
			.hasMessageContaining("not in seal migration mode");
	}

}
