package io.coffer.secrets.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.TestBarriers;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.storage.InMemoryStorage;

/** A policy store and service over an unsealed in-memory barrier. */
final class PolicyFixture {

	final InMemoryStorage storage = new InMemoryStorage();

	final Barrier barrier = TestBarriers.unsealed(this.storage);

	final PolicyStore store = new PolicyStore(this.barrier);

	final PolicyService service = new PolicyService(this.store);

	PolicyFixture policy(String name, String text) {
		this.store.write(name, text);
		return this;
	}

	AclDecision check(List<String> policies, String path, Operation operation) {
		return this.service.check(policies, path, operation, Map.of(), true);
	}

	AclDecision check(List<String> policies, String path, Operation operation, Map<String, Object> data) {
		return this.service.check(policies, path, operation, data, true);
	}

	boolean allowed(String policy, String path, Operation operation) {
		return check(List.of(policy), path, operation).allowed();
	}

	List<String> capabilities(String policy, String path) {
		return this.service.capabilities(List.of(policy), path);
	}

	static String path(String pattern, String... capabilities) {
		return "path \"" + pattern + "\" {\n  capabilities = ["
				+ String.join(", ", Arrays.stream(capabilities).map((c) -> "\"" + c + "\"").toList()) + "]\n}\n";
	}

}
