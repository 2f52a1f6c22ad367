package io.coffer.secrets.mount;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.MountEntry.MountConfig;
import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MountConfigsTest {

	@Test
	void anAuthMountsTokenTypeIsKeptAndASecretsEngineRefusesIt() {
		MountConfig auth = MountConfigs.apply(Map.of("token_type", "default"), MountConfig.DEFAULTS, true);

		assertThat(auth.tokenType()).isEqualTo("default-service");
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> MountConfigs.apply(Map.of("token_type", "batch"), MountConfig.DEFAULTS, false))
			.withMessage("'token_type' can only be modified on auth mounts");
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> MountConfigs.apply(Map.of("token_type", "sometimes"), MountConfig.DEFAULTS, true))
			.withMessage("invalid value for \"token_type\"");
	}

	@Test
	void aTuneKeepsEverySettingItDoesNotName() {
		MountConfig enabled = MountConfigs.enable(Map.of("type", "kv", "seal_wrap", "true", "config", Map
			.of("default_lease_ttl", "1h", "audit_non_hmac_request_keys", "a,b", "listing_visibility", "unauth")),
				false);

		MountConfig tuned = MountConfigs.apply(Map.of("max_lease_ttl", "2h"), enabled, false);

		assertThat(tuned.defaultLeaseTtl()).isEqualTo(3600);
		assertThat(tuned.maxLeaseTtl()).isEqualTo(7200);
		assertThat(tuned.settings().sealWrap()).isTrue();
		assertThat(tuned.settings().auditNonHmacRequestKeys()).isEqualTo(List.of("a", "b"));
		assertThat(tuned.settings().listingVisibility()).isEqualTo("unauth");
		assertThat(MountConfigs.apply(Map.of("audit_non_hmac_request_keys", List.of()), tuned, false)
			.settings()
			.auditNonHmacRequestKeys()).isEmpty();
	}

	@Test
	void aDefaultAboveTheMaximumIsRefused() {
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> MountConfigs.apply(Map.of("default_lease_ttl", "2h", "max_lease_ttl", "1h"),
					MountConfig.DEFAULTS, false))
			.withMessage("default lease TTL cannot be greater than maximum lease TTL");
	}

}
