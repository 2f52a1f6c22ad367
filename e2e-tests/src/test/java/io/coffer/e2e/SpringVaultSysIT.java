package io.coffer.e2e;

import java.util.Map;

import io.coffer.testsupport.cluster.CofferClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultSysOperations;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultHealth;
import org.springframework.vault.support.VaultMount;
import org.springframework.vault.support.VaultUnsealStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Spring Vault's {@code VaultSysTemplate}, unchanged, against the gateway. */
class SpringVaultSysIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static VaultTemplate vault;

	private static VaultSysOperations sys;

	@BeforeAll
	static void template() {
		vault = coffer.cluster().vaultTemplate();
		sys = vault.opsForSys();
	}

	@Test
	void healthReportsAnInitializedUnsealedActiveVault() {
		VaultHealth health = sys.health();

		assertThat(health.isInitialized()).isTrue();
		assertThat(health.isSealed()).isFalse();
		assertThat(health.isStandby()).isFalse();
		assertThat(health.getVersion()).isNotBlank();
		assertThat(health.getServerTimeUtc()).isPositive();
	}

	@Test
	void sealStatusReportsTheInitialSharesAndThreshold() {
		VaultUnsealStatus status = sys.getUnsealStatus();

		assertThat(sys.isInitialized()).isTrue();
		assertThat(status.isSealed()).isFalse();
		assertThat(status.getSecretShares()).isEqualTo(5);
		assertThat(status.getSecretThreshold()).isEqualTo(3);
		assertThat(status.getProgress()).isZero();
	}

	@Test
	void mountsListTheKeyValueVersion2EngineAtSecret() {
		Map<String, VaultMount> mounts = sys.getMounts();

		assertThat(mounts).containsKey("secret/");
		assertThat(mounts.get("secret/").getType()).isEqualTo("kv");
		assertThat(mounts.get("secret/").getOptions()).containsEntry("version", "2");
	}

	@Test
	void mountedEngineServesUntilUnmounted() {
		sys.mount("sys-it-kv",
				VaultMount.builder()
					.type("kv")
					.description("mounted by SpringVaultSysIT")
					.options(Map.of("version", "1"))
					.build());

		assertThat(sys.getMounts()).hasEntrySatisfying("sys-it-kv/", (mount) -> {
			assertThat(mount.getType()).isEqualTo("kv");
			assertThat(mount.getDescription()).isEqualTo("mounted by SpringVaultSysIT");
		});
		vault.write("sys-it-kv/probe", Map.of("k", "v"));
		assertThat(vault.read("sys-it-kv/probe").getRequiredData()).containsEntry("k", "v");

		sys.unmount("sys-it-kv");

		assertThat(sys.getMounts()).doesNotContainKey("sys-it-kv/");
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> vault.write("sys-it-kv/probe", Map.of("k", "v")));
	}

}
