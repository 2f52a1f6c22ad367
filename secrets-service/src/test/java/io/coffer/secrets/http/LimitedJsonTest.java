package io.coffer.secrets.http;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configured JSON shape limits: each holds exactly at its value. */
class LimitedJsonTest {

	private final JsonLimits small = new JsonLimits(3, 8, 2, 2);

	@Test
	void valuesAtTheLimitsParseAndOneMoreIsRefused() {
		assertThat(LimitedJson.parse("{\"a\":{\"b\":[1,2]},\"c\":\"12345678\"}", this.small))
			.isEqualTo(Map.of("a", Map.of("b", List.of(1, 2)), "c", "12345678"));
		assertRefused("{\"a\":{\"b\":[[1]]}}", "JSON input exceeds allowed nesting depth");
		assertRefused("{\"c\":\"123456789\"}", "JSON string value exceeds allowed length");
		assertRefused("{\"123456789\":1}", "JSON string value exceeds allowed length");
		assertRefused("{\"c\":\"\u00e9\u00e9\u00e9\u00e9\u00e91\"}", "JSON string value exceeds allowed length");
		assertRefused("{\"a\":1,\"b\":2,\"c\":3}", "JSON object exceeds allowed entry count");
		assertRefused("[1,2,3]", "JSON array exceeds allowed element count");
		assertRefused("{\"a\":1} x", "invalid JSON");
		assertRefused("{\"a\":", "invalid JSON");
	}

	@Test
	void numbersKeepTheirValue() {
		Map<?, ?> parsed = (Map<?, ?>) LimitedJson.parse("{\"i\":1,\"l\":99999999999,\"f\":1.5,\"huge\":1e400}",
				JsonLimits.VAULT_DEFAULTS);
		assertThat(parsed.get("i")).isEqualTo(1);
		assertThat(parsed.get("l")).isEqualTo(99999999999L);
		assertThat(parsed.get("f")).isEqualTo(1.5);
		assertThat(parsed.get("huge")).isEqualTo(new BigDecimal("1e400"));
	}

	private void assertRefused(String json, String reason) {
		assertThatThrownBy(() -> LimitedJson.parse(json, this.small)).isInstanceOf(VaultException.class)
			.hasMessage("failed to parse JSON input: " + reason);
	}

}
