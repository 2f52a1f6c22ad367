package io.coffer.secrets.engine.kv;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KV v2 paths as declared: an operation a path group does not serve is 405
 * {@code unsupported operation}, a path outside every group 404 {@code unsupported path},
 * whatever the operation.
 */
class KvV2DeclaredPathsTest {

	private final KvFixture kv = KvFixture.v2();

	@Test
	void undeclaredOperationsOnDeclaredPathsAre405() {
		this.kv.put("app", Map.of("v", "one"));

		assertUnsupportedOperation(Operation.PATCH, "subkeys/app");
		assertUnsupportedOperation(Operation.DELETE, "destroy/app");
		assertUnsupportedOperation(Operation.PATCH, "undelete/app");
		assertUnsupportedOperation(Operation.PATCH, "config");
		assertThat(this.kv.call(Operation.READ, "data/app").data()).containsKey("data");
	}

	@Test
	void pathsOutsideEveryGroupAre404WhateverTheOperation() {
		for (Operation operation : List.of(Operation.READ, Operation.UPDATE, Operation.LIST, Operation.PATCH)) {
			for (String path : List.of("", "config/", "config/x", "subkey/app", "metadata", "destroy")) {
				VaultException failure = this.kv.failure(operation, path, Map.of());
				assertThat(failure.status()).as(operation + " " + path).isEqualTo(404);
				assertThat(failure.errors()).as(operation + " " + path).containsExactly("unsupported path");
			}
		}
	}

	@Test
	void listOfTheMetadataRootListsTheTopLevel() {
		this.kv.put("app", Map.of("v", "one"));
		this.kv.put("team/db", Map.of("v", "two"));

		assertThat(this.kv.call(Operation.LIST, "metadata/").data()).containsEntry("keys", List.of("app", "team/"));
	}

	private void assertUnsupportedOperation(Operation operation, String path) {
		VaultException failure = this.kv.failure(operation, path, Map.of());
		assertThat(failure.status()).as(operation + " " + path).isEqualTo(405);
		assertThat(failure.errors()).as(operation + " " + path).containsExactly("unsupported operation");
	}

}
