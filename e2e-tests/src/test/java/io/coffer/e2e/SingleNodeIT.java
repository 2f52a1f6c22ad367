package io.coffer.e2e;

import java.util.Map;

import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.core.VaultVersionedKeyValueTemplate;
import org.springframework.vault.support.VaultHealth;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-node mode ({@code deploy/local/run.sh --nodes 1},
 * {@code coffer.cluster.size=1}): the same jars and gateway, no replication, no standby.
 */
@Order(Integer.MAX_VALUE - 1)
class SingleNodeIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.perClass(1);

	@Test
	void singleNodeServesTheVaultApiThroughTheGateway() {
		CofferCluster cluster = coffer.cluster();
		VaultTemplate vault = cluster.vaultTemplate();
		VaultVersionedKeyValueOperations kv = new VaultVersionedKeyValueTemplate(vault, "secret");

		kv.put("single/app", Map.of("password", "one"));
		kv.put("single/app", Map.of("password", "two"));

		assertThat(kv.get("single/app").getRequiredData()).containsEntry("password", "two");
		assertThat(kv.get("single/app").getVersion().getVersion()).isEqualTo(2);
		VaultHealth health = vault.opsForSys().health();
		assertThat(health.isSealed()).isFalse();
		assertThat(health.isStandby()).isFalse();
		assertThat(cluster.activeNode().name()).isEqualTo("node1");
	}

}
