package io.coffer.secrets.kernel;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnginePathsTest {

	private final EnginePaths paths = new EnginePaths(List.of(
			PathSpec.path("config").on(Operation.READ, (request, caller) -> LogicalResponse.data(Map.of("a", 1))),
			PathSpec.path("keys/[^/]+")
				.on(Operation.UPDATE, (request, caller) -> LogicalResponse.empty())
				.requiringSudo()));

	@Test
	void theFirstMatchingPathServesTheOperation() {
		assertThat(this.paths.handle(request("config", Operation.READ), null).data()).containsEntry("a", 1);
		assertThat(this.paths.requiresSudo("keys/k1")).isTrue();
		assertThat(this.paths.requiresSudo("config")).isFalse();
	}

	@Test
	void anUndeclaredOperationIs405AndAnUndeclaredPath404() {
		assertThatThrownBy(() -> this.paths.handle(request("config", Operation.DELETE), null))
			.isInstanceOfSatisfying(VaultException.class, (e) -> assertThat(e.status()).isEqualTo(405));
		assertThatThrownBy(() -> this.paths.handle(request("keys/a/b", Operation.UPDATE), null))
			.isInstanceOfSatisfying(VaultException.class, (e) -> assertThat(e.status()).isEqualTo(404));
	}

	private static LogicalRequest request(String path, Operation operation) {
		return new LogicalRequest(operation, path, Map.of(), null, "r-1");
	}

}
