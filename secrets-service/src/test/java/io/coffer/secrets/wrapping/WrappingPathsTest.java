package io.coffer.secrets.wrapping;

import java.util.Map;

import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which wrapping requests take the wrapping token itself as their credential. */
class WrappingPathsTest {

	@Test
	void lookupNeverAuthenticatesAClientToken() {
		assertThat(WrappingPaths.authenticatesWithWrappingToken(WrappingPaths.LOOKUP, Map.of("token", "w"), "c"))
			.isTrue();
		assertThat(WrappingPaths.authenticatesWithWrappingToken(WrappingPaths.LOOKUP, Map.of(), null)).isTrue();
	}

	@Test
	void unwrapAndRewrapUseTheClientTokenAsWrappingTokenOnlyWithoutABodyToken() {
		for (String path : new String[] { WrappingPaths.UNWRAP, WrappingPaths.REWRAP }) {
			assertThat(WrappingPaths.authenticatesWithWrappingToken(path, Map.of(), "w")).isTrue();
			assertThat(WrappingPaths.authenticatesWithWrappingToken(path, Map.of("token", "w"), "c")).isFalse();
		}
		assertThat(WrappingPaths.authenticatesWithWrappingToken(WrappingPaths.WRAP, Map.of(), "c")).isFalse();
		assertThat(WrappingPaths.authenticatesWithWrappingToken("secret/x", Map.of(), "c")).isFalse();
	}

	@Test
	void theSameTokenInTheBodyAndTheHeaderIsRefused() {
		assertThatThrownBy(
				() -> WrappingPaths.authenticatesWithWrappingToken(WrappingPaths.UNWRAP, Map.of("token", "w"), "w"))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void aBodyTokenMustBeANonEmptyString() {
		assertThatThrownBy(() -> WrappingPaths.bodyToken(Map.of("token", 42)))
			.hasMessage("could not decode token in request body");
		assertThatThrownBy(() -> WrappingPaths.bodyToken(Map.of("token", "")))
			.hasMessage("empty token in request body");
	}

}
