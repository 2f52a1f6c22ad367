package io.coffer.audit.device;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuditSinkFactoriesTest {

	private final AuditSinkFactory memory = new AuditSinkFactory() {

		@Override
		public String type() {
			return "memory";
		}

		@Override
		public AuditSink create(String path, Map<String, String> options) {
			return new AuditSink() {

				@Override
				public void testWrite() {
				}

				@Override
				public void write(List<DeliveredLine> lines) {
				}

				@Override
				public void close() {
				}

			};
		}

	};

	private final AuditSinkFactories factories = new AuditSinkFactories(List.of(this.memory));

	@Test
	void findsTheFactoryOfAType() {
		assertThat(this.factories.find("memory")).containsSame(this.memory);
		assertThat(this.factories.types()).containsExactly("memory");
		assertThat(this.factories.create("memory", "m/", Map.of("format", "json"))).isNotNull();
	}

	@Test
	void refusesAnUnknownTypeAsVaultDoes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factories.create("nope", "x/", Map.of()))
			.withMessage("unknown backend type: \"nope\"");
	}

	@Test
	void refusesAFormatOtherThanJson() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factories.create("memory", "m/", Map.of("format", "jsonx")))
			.withMessageContaining("format");
	}

	@Test
	void refusesTwoFactoriesOfOneType() {
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> new AuditSinkFactories(List.of(this.memory, this.memory)));
	}

}
