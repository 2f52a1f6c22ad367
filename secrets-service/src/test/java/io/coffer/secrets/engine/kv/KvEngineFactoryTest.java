package io.coffer.secrets.engine.kv;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.barrier.TestBarriers;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.InMemoryStorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class KvEngineFactoryTest {

	private final KvEngineFactory factory = new KvEngineFactory(Clock.systemUTC());

	@Test
	void servesTheKvTypeAndItsAliases() {
		assertThat(this.factory.types()).contains("kv", "kv-v1", "kv-v2");
	}

	@Test
	void acceptsAbsentOneAndTwoAsVersion() {
		assertThatNoException().isThrownBy(() -> {
			this.factory.validate(mount("kv", Map.of()));
			this.factory.validate(mount("kv", Map.of("version", "1")));
			this.factory.validate(mount("kv", Map.of("version", "2")));
		});
	}

	@Test
	void rejectsAnyOtherVersionWith400() {
		for (String version : new String[] { "3", "v2", "2.0", " 2" }) {
			assertThatExceptionOfType(VaultException.class)
				.isThrownBy(() -> this.factory.validate(mount("kv", Map.of("version", version))))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		}
	}

	@Test
	void createsTheEngineOfTheMountsVersion() {
		var view = TestBarriers.unsealed(new InMemoryStorage()).view("logical/x/");

		assertThat(this.factory.create(mount("kv", Map.of()), view)).isInstanceOf(KvV1Engine.class);
		assertThat(this.factory.create(mount("kv", Map.of("version", "2")), view)).isInstanceOf(KvV2Engine.class);
		assertThat(this.factory.create(mount("kv-v2", Map.of()), view)).isInstanceOf(KvV2Engine.class);
		assertThat(this.factory.create(mount("kv-v1", Map.of()), view)).isInstanceOf(KvV1Engine.class);
	}

	private static MountEntry mount(String type, Map<String, String> options) {
		return new MountEntry("secret/", type, "", "kv_1", "x", MountEntry.MountConfig.DEFAULTS, options);
	}

}
