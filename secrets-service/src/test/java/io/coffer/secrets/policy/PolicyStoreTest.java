package io.coffer.secrets.policy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.coffer.secrets.policy.PolicyFixture.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Storage of policies behind the barrier, the built-in ones and cache invalidation. */
class PolicyStoreTest {

	private final PolicyFixture fixture = new PolicyFixture();

	private final PolicyStore store = this.fixture.store;

	@Test
	void rootIsBuiltInListedLastAndImmutable() {
		assertThat(this.store.names()).containsExactly("default", "root");
		assertThat(this.store.exists("root")).isTrue();
		assertThatThrownBy(() -> this.store.write("root", path("x", "read"))).isInstanceOf(VaultException.class)
			.hasMessage("cannot update \"root\" policy");
		assertThatThrownBy(() -> this.store.delete("ROOT")).hasMessage("cannot delete \"root\" policy");
	}

	@Test
	void defaultIsServedBuiltInCanBeUpdatedButNeverDeleted() {
		assertThat(this.store.text("default")).contains(DefaultPolicy.TEXT);
		this.store.write("default", path("secret/*", "read"));
		assertThat(this.store.text("default")).contains(path("secret/*", "read"));
		assertThat(this.fixture.allowed("default", "secret/x", Operation.READ)).isTrue();
		assertThat(this.fixture.allowed("default", "auth/token/lookup-self", Operation.READ)).isFalse();
		assertThatThrownBy(() -> this.store.delete("default")).hasMessage("cannot delete \"default\" policy");
		assertThat(this.store.names()).containsExactly("default", "root");
	}

	@Test
	void namesAreLowerCasedAndListedInOrder() {
		this.store.write("Zeta", path("z", "read"));
		this.store.write("alpha", path("a", "read"));
		assertThat(this.store.names()).containsExactly("alpha", "default", "zeta", "root");
		assertThat(this.store.text("ZETA")).contains(path("z", "read"));
		assertThat(this.fixture.allowed("ZeTa", "z", Operation.READ)).isTrue();
	}

	@Test
	void anInvalidPolicyIsRejectedAndNothingIsStored() {
		assertThatThrownBy(() -> this.store.write("bad", "path \"a\" { capabilities = [\"fly\"] }"))
			.isInstanceOf(VaultException.class)
			.satisfies((ex) -> assertThat(((VaultException) ex).status()).isEqualTo(400));
		assertThat(this.store.exists("bad")).isFalse();
		assertThatThrownBy(() -> this.store.write("a/b", path("x", "read")))
			.hasMessage("policy names cannot contain \"/\"");
	}

	@Test
	void deletingAnUnknownPolicySucceedsAndDeletedPoliciesGrantNothing() {
		this.store.delete("never-existed");
		this.store.write("dev", path("secret/*", "read"));
		assertThat(this.fixture.allowed("dev", "secret/x", Operation.READ)).isTrue();
		this.store.delete("dev");
		assertThat(this.store.exists("dev")).isFalse();
		assertThat(this.fixture.allowed("dev", "secret/x", Operation.READ)).isFalse();
	}

	@Test
	void aChangedPolicyTakesEffectOnTheNextCheck() {
		this.store.write("dev", path("secret/*", "read"));
		assertThat(this.fixture.allowed("dev", "secret/x", Operation.READ)).isTrue();
		this.store.write("dev", path("secret/*", "deny"));
		assertThat(this.fixture.allowed("dev", "secret/x", Operation.READ)).isFalse();
	}

	@Test
	void aPolicyWrittenBehindTheCachesBackIsSeenAfterInvalidation() {
		PolicyStore otherNode = new PolicyStore(this.fixture.barrier);
		this.store.write("dev", path("secret/*", "read"));
		assertThat(this.fixture.allowed("dev", "secret/x", Operation.READ)).isTrue();
		otherNode.write("dev", path("secret/*", "deny"));
		this.store.invalidate();
		assertThat(this.fixture.allowed("dev", "secret/x", Operation.READ)).isFalse();
	}

	@Test
	void policiesAreEncryptedAtRest() {
		this.store.write("dev", path("secret/very-recognisable/*", "read"));
		byte[] raw = this.fixture.storage.raw().get(PolicyStore.PREFIX + "dev");
		assertThat(raw).isNotNull();
		assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("very-recognisable");
	}

	@Test
	void existsKnowsBuiltInsAndStoredPolicies() {
		this.store.write("dev", path("x", "read"));
		assertThat(List.of("root", "default", "dev", "DEV")).allMatch(this.fixture.service::exists);
		assertThat(this.fixture.service.exists("other")).isFalse();
	}

	@Test
	void theResponseWrappingPolicyCannotBeDefinedByAnOperator() {
		org.assertj.core.api.Assertions.assertThatThrownBy(
				() -> this.fixture.store.write("response-wrapping", "path \"secret/*\" { capabilities = [\"read\"] }"))
			.hasMessageContaining("cannot update \"response-wrapping\" policy");
	}

	@Test
	void eachOperationIsTimedUnderVaultsPolicyMetricNames() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		PolicyStore measured = new PolicyStore(this.fixture.barrier, registry);

		measured.write("app", path("secret/*", "read"));
		measured.text("app");
		measured.text("app");
		measured.names();
		measured.delete("app");
		assertThatThrownBy(() -> measured.delete("root")).isInstanceOf(VaultException.class);

		assertThat(registry.get("vault.policy.set_policy").summary().count()).isEqualTo(1);
		assertThat(registry.get("vault.policy.get_policy").summary().count()).isEqualTo(2);
		assertThat(registry.get("vault.policy.list_policies").summary().count()).isEqualTo(1);
		// A refused deletion is timed too, as Vault times every call.
		assertThat(registry.get("vault.policy.delete_policy").summary().count()).isEqualTo(2);
		// No label but the quantile of a published percentile: names and keys stay out of
		// the series.
		assertThat(registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.allSatisfy((tag) -> assertThat(tag.getKey()).isEqualTo("phi")));
	}

}
