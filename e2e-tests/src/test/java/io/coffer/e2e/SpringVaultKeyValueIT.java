package io.coffer.e2e;

import java.time.Duration;
import java.util.Map;

import io.coffer.testsupport.cluster.CofferClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.vault.core.VaultKeyValueMetadataOperations;
import org.springframework.vault.core.VaultKeyValueOperations;
import org.springframework.vault.core.VaultKeyValueOperationsSupport.KeyValueBackend;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.core.VaultVersionedKeyValueTemplate;
import org.springframework.vault.support.VaultMetadataRequest;
import org.springframework.vault.support.VaultMetadataResponse;
import org.springframework.vault.support.VaultMount;
import org.springframework.vault.support.VaultResponse;
import org.springframework.vault.support.Versioned;
import org.springframework.vault.support.Versioned.Metadata;
import org.springframework.vault.support.Versioned.Version;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Vault 4, unchanged, against the gateway: the generic template on a KV v1 mount,
 * the KV v1 and versioned KV v2 templates, and KV v2 metadata.
 */
class SpringVaultKeyValueIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	/**
	 * A KV v1 mount of this class's own; the shared cluster's {@code secret/} is KV v2.
	 */
	private static final String KV1 = "spring-kv1";

	private static VaultTemplate vault;

	private static VaultVersionedKeyValueOperations secret;

	@BeforeAll
	static void mountKeyValueVersion1() {
		vault = coffer.cluster().vaultTemplate();
		secret = new VaultVersionedKeyValueTemplate(vault, "secret");
		vault.opsForSys().mount(KV1, VaultMount.builder().type("kv").options(Map.of("version", "1")).build());
	}

	@AfterAll
	static void unmount() {
		vault.opsForSys().unmount(KV1);
	}

	@Test
	void vaultTemplateWritesReadsListsAndDeletesOnKeyValueVersion1() {
		vault.write(KV1 + "/app/db", Map.of("username", "app", "password", "s3cret"));
		vault.write(KV1 + "/app/nested/cache", Map.of("url", "redis://cache"));

		VaultResponse read = vault.read(KV1 + "/app/db");
		assertThat(read).isNotNull();
		assertThat(read.getRequiredData()).containsEntry("username", "app").containsEntry("password", "s3cret");
		// KV v1 reports the mount's default TTL (32 days) as the lease duration, with no
		// lease id.
		assertThat(read.getLeaseDuration()).isEqualTo(2_764_800);
		assertThat(read.getLeaseId()).isEmpty();
		assertThat(vault.list(KV1 + "/app")).containsExactlyInAnyOrder("db", "nested/");

		vault.delete(KV1 + "/app/db");

		assertThat(vault.read(KV1 + "/app/db")).isNull();
		assertThat(vault.list(KV1 + "/app")).containsExactly("nested/");
	}

	@Test
	void vaultTemplateReadsNullAndListsNothingWhereNothingWasWritten() {
		assertThat(vault.read(KV1 + "/never/written")).isNull();
		assertThat(vault.list(KV1 + "/never")).isEmpty();
	}

	@Test
	void keyValueVersion1OperationsPutGetListAndDelete() {
		VaultKeyValueOperations kv = vault.opsForKeyValue(KV1, KeyValueBackend.KV_1);
		kv.put("ops/one", Map.of("a", "1"));
		kv.put("ops/two", Map.of("b", "2"));

		assertThat(kv.get("ops/one").getRequiredData()).containsExactlyEntriesOf(Map.of("a", "1"));
		assertThat(kv.list("ops")).containsExactlyInAnyOrder("one", "two");

		kv.delete("ops/one");

		assertThat(kv.get("ops/one")).isNull();
		assertThat(kv.list("ops")).containsExactly("two");
	}

	@Test
	void versionedTemplateKeepsEveryVersion() {
		Metadata firstWrite = secret.put("versions/app", Map.of("password", "one"));
		Metadata second = secret.put("versions/app", Map.of("password", "two"));

		assertThat(firstWrite.getVersion()).isEqualTo(Version.from(1));
		assertThat(second.getVersion()).isEqualTo(Version.from(2));
		assertThat(second.getCreatedAt()).isNotNull();
		Versioned<Map<String, Object>> latest = secret.get("versions/app");
		assertThat(latest.getRequiredData()).containsEntry("password", "two");
		assertThat(latest.getVersion()).isEqualTo(Version.from(2));
		Versioned<Map<String, Object>> first = secret.get("versions/app", Version.from(1));
		assertThat(first.getRequiredData()).containsEntry("password", "one");
		assertThat(secret.list("versions")).contains("app");
		assertThat(secret.get("versions/never-written")).isNull();
	}

	@Test
	void versionedTemplateDeletesUndeletesAndDestroysVersions() {
		secret.put("lifecycle/app", Map.of("v", "1"));
		secret.put("lifecycle/app", Map.of("v", "2"));

		secret.delete("lifecycle/app", Version.from(2));
		Versioned<Map<String, Object>> deleted = secret.get("lifecycle/app");
		assertThat(deleted).isNotNull();
		assertThat(deleted.hasData()).isFalse();
		assertThat(deleted.getRequiredMetadata().isDeleted()).isTrue();

		secret.undelete("lifecycle/app", Version.from(2));
		assertThat(secret.get("lifecycle/app").getRequiredData()).containsEntry("v", "2");

		secret.destroy("lifecycle/app", Version.from(1));
		Versioned<Map<String, Object>> destroyed = secret.get("lifecycle/app", Version.from(1));
		assertThat(destroyed).isNotNull();
		assertThat(destroyed.hasData()).isFalse();
		assertThat(destroyed.getRequiredMetadata().isDestroyed()).isTrue();

		secret.delete("lifecycle/app");
		assertThat(secret.get("lifecycle/app").hasData()).isFalse();
	}

	@Test
	void metadataOperationsReportVersionsAndSettings() {
		secret.put("meta/app", Map.of("v", "1"));
		secret.put("meta/app", Map.of("v", "2"));
		VaultKeyValueMetadataOperations metadata = secret.opsForKeyValueMetadata();

		metadata.put("meta/app",
				VaultMetadataRequest.builder().maxVersions(5).customMetadata(Map.of("owner", "team-a")).build());

		VaultMetadataResponse response = metadata.get("meta/app");
		assertThat(response.getCurrentVersion()).isEqualTo(2);
		assertThat(response.getMaxVersions()).isEqualTo(5);
		assertThat(response.isCasRequired()).isFalse();
		assertThat(response.getDeleteVersionAfter()).isEqualTo(Duration.ZERO);
		// Spring Vault 4.0.4 does not map the key's custom_metadata into
		// VaultMetadataResponse; read it as a user
		// of the generic template would.
		assertThat(vault.read("secret/metadata/meta/app").getRequiredData()).containsEntry("custom_metadata",
				Map.of("owner", "team-a"));
		assertThat(response.getVersions()).extracting(Metadata::getVersion)
			.containsExactlyInAnyOrder(Version.from(1), Version.from(2));
		assertThat(response.getCreatedTime()).isNotNull();
		assertThat(response.getUpdatedTime()).isAfterOrEqualTo(response.getCreatedTime());

		metadata.delete("meta/app");

		assertThat(secret.get("meta/app")).isNull();
		assertThat(secret.get("meta/app", Version.from(1))).isNull();
	}

}
