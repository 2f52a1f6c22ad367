package io.coffer.secrets.token;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.TestBarriers;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.PolicyService;
import io.coffer.secrets.policy.PolicyStore;
import io.coffer.secrets.storage.InMemoryStorage;
import io.coffer.testsupport.time.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The token store and its backend over an unsealed in-memory barrier, with a clock the
 * test moves and calls that go through the same steps as the request path: one use of the
 * caller's token, then the ACL check, then the backend.
 */
public final class TokenFixture {

	public final InMemoryStorage storage = new InMemoryStorage();

	public final Barrier barrier = TestBarriers.unsealed(this.storage);

	public final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));

	public final List<Object> events = new ArrayList<>();

	public final TokenStore store = new TokenStore(this.barrier, new SecureRandom(), this.clock, this.events::add);

	public final PolicyStore policyStore = new PolicyStore(this.barrier);

	public final PolicyService policies = new PolicyService(this.policyStore);

	public final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	public final TokenMetrics metrics = new TokenMetrics(this.registry, this.store);

	public final SudoCheck sudo = new SudoCheck(this.policies);

	public final TokenIssuer issuer = new TokenIssuer(this.store, this.policies, this.metrics);

	final TokenRoles roles = new TokenRoles(this.store);

	final TokenBackend backend = new TokenBackend(this.store, new TokenCreation(this.store, this.issuer, this.sudo),
			new TokenRenewal(this.store, this.policies), this.roles, new TokenTidy(this.store), this.sudo,
			this.policies);

	public final String rootToken;

	public TokenFixture() {
		TokenStore.RootTokenBatch root = this.store.prepareRoot();
		this.barrier.write(root.ops());
		this.rootToken = root.token();
	}

	public TokenFixture policy(String name, String hcl) {
		this.policyStore.write(name, hcl);
		return this;
	}

	/**
	 * A request to {@code auth/token/<path>} with the given token, as the request path
	 * runs it.
	 */
	public LogicalResponse call(String token, Operation operation, String path, Map<String, Object> data) {
		TokenEntry entry = this.store.use(token).orElseThrow(VaultException::permissionDenied);
		LogicalRequest request = new LogicalRequest(operation, path, data, TokenBackend.MOUNT,
				UUID.randomUUID().toString());
		if (operation == Operation.UPDATE && !this.backend.exists(request)) {
			request = new LogicalRequest(Operation.CREATE, path, data, TokenBackend.MOUNT, request.requestId());
		}
		if (!this.policies.check(entry.policies(), request.fullPath(), request.operation(), data, true).allowed()) {
			throw VaultException.permissionDenied();
		}
		return this.backend.handle(request, new Caller(token, entry));
	}

	public LogicalResponse write(String token, String path, Map<String, Object> data) {
		return call(token, Operation.UPDATE, path, data);
	}

	/** Creates a token as {@code parent} and returns the new token. */
	public String create(String parent, Map<String, Object> data) {
		return (String) write(parent, "create", data).auth().get("client_token");
	}

	public TokenEntry entry(String token) {
		return this.store.lookup(token).orElseThrow();
	}

	public static String rule(String pattern, String... capabilities) {
		return "path \"" + pattern + "\" {\n  capabilities = [\"" + String.join("\", \"", capabilities) + "\"]\n}\n";
	}

}
