package io.coffer.secrets.engine.transit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The transit paths as declared: which (operation, path) pairs are 405
 * {@code unsupported operation} and which 404 {@code unsupported path}. Under
 * {@code keys/} an invalid name is no path; elsewhere the operation is checked before the
 * name; only {@code keys/} lists.
 */
class TransitDeclaredPathsTest {

	private final TransitFixture transit = new TransitFixture();

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "PATCH, keys/k", "READ, keys/k/rotate", "DELETE, keys/k/config", "PATCH, keys/missing/rotate",
			"READ, encrypt/k", "READ, encrypt/-bad", "DELETE, decrypt/k", "PATCH, rewrap/k",
			"UPDATE, export/encryption-key/k", "DELETE, export/encryption-key/-bad/1", "DELETE, datakey/plaintext/k",
			"READ, hmac/k", "PATCH, sign/k/sha2-256", "READ, verify/k", "READ, hash", "READ, hash/sha2-256",
			"READ, random", "DELETE, random/32/hex/platform" })
	void undeclaredOperationsAre405(Operation operation, String path) {
		this.transit.createKey("k");

		VaultException failure = failure(operation, path);

		assertThat(failure.status()).isEqualTo(405);
		assertThat(failure.errors()).containsExactly("unsupported operation");
	}

	@ParameterizedTest(name = "{0} ''{1}''")
	@CsvSource({ "READ, ''", "LIST, ''", "UPDATE, unknown/k", "READ, keys", "UPDATE, keys/", "DELETE, keys/",
			"READ, keys/-bad", "PATCH, keys/-bad", "UPDATE, keys/-bad/rotate", "UPDATE, keys/k/other",
			"UPDATE, keys/k/rotate/x", "LIST, keys/k", "LIST, keys/k/", "UPDATE, encrypt/-bad", "UPDATE, encrypt/",
			"UPDATE, encrypt/k/x", "LIST, encrypt/", "READ, export/encryption-key", "READ, export/encryption-key/-bad",
			"READ, export/a/b/c/d", "UPDATE, datakey/plaintext", "UPDATE, datakey/plaintext/-bad", "UPDATE, hmac/k/a/b",
			"LIST, hash/", "UPDATE, hash/a/b", "UPDATE, random/1/2/3/4", "LIST, random/" })
	void unknownPathsAre404(Operation operation, String path) {
		this.transit.createKey("k");

		VaultException failure = failure(operation, path);

		assertThat(failure.status()).isEqualTo(404);
		assertThat(failure.errors()).containsExactly("unsupported path");
	}

	@Test
	void onlyTheKeysPathLists() {
		this.transit.createKey("k");

		assertThat(this.transit.call(Operation.LIST, "keys/", Map.of()).data()).containsEntry("keys", List.of("k"));
		assertThat(this.transit.call(Operation.LIST, "keys", Map.of()).data()).containsEntry("keys", List.of("k"));
	}

	@Test
	void optionalSegmentsMayBeEmptyOrGiven() {
		assertThat(this.transit.call(Operation.UPDATE, "hash/", Map.of("input", "aGk=")).data()).containsKey("sum");
		assertThat(this.transit.call(Operation.UPDATE, "hash/sha2-512", Map.of("input", "aGk=")).data())
			.containsKey("sum");
		assertThat(this.transit.call(Operation.UPDATE, "random/16/hex", Map.of()).data()).containsKey("random_bytes");
	}

	private VaultException failure(Operation operation, String path) {
		return assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> this.transit.call(operation, path, Map.of()))
			.actual();
	}

}
