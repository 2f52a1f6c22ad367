package io.coffer.secrets.engine.cubbyhole;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.TestBarriers;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.PolicyService;
import io.coffer.secrets.policy.PolicyStore;
import io.coffer.secrets.storage.InMemoryStorage;
import io.coffer.testsupport.time.TestClock;
import io.coffer.secrets.token.LoginGrant;
import io.coffer.secrets.token.TokenIssuer;
import io.coffer.secrets.token.TokenMetrics;
import io.coffer.secrets.token.TokenParams;
import io.coffer.secrets.token.TokenRevokedEvent;
import io.coffer.secrets.token.TokenStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A token store and the cubbyhole over one unsealed in-memory barrier. Revocation events
 * reach the cubbyhole as Spring delivers them: synchronously, in the revoking thread.
 * Tokens come from logins, one login path per token, so that a test can revoke exactly
 * one of them.
 */
public final class CubbyholeFixture {

	private static final MountEntry USERPASS = new MountEntry("auth/userpass/", "userpass", "", "auth_userpass_1",
			UUID.randomUUID().toString(), MountEntry.MountConfig.DEFAULTS, null);

	public final InMemoryStorage storage = new InMemoryStorage();

	public final Barrier barrier = TestBarriers.unsealed(this.storage);

	public final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));

	public final TokenStore tokens = new TokenStore(this.barrier, new SecureRandom(), this.clock, this::publish);

	public final TokenIssuer issuer = new TokenIssuer(this.tokens, new PolicyService(new PolicyStore(this.barrier)),
			new TokenMetrics(new SimpleMeterRegistry(), this.tokens));

	public final CubbyholeStore cubbyholes = new CubbyholeStore(this.barrier.view(CubbyholeEngine.STORAGE_PREFIX),
			this.tokens);

	public final CubbyholeEngine engine = new CubbyholeEngine(this.cubbyholes, this.tokens);

	public final String rootToken;

	public CubbyholeFixture() {
		TokenStore.RootTokenBatch root = this.tokens.prepareRoot();
		this.barrier.write(root.ops());
		this.rootToken = root.token();
	}

	/**
	 * A fresh token from a login as {@code user}, with {@code numUses} (0 = unlimited).
	 */
	public String login(String user, int numUses) {
		LogicalResponse response = this.issuer.login(new LoginGrant(USERPASS, "login/" + user + "/", user, Map.of(),
				new TokenParams(List.of("default"), false, 0, 0, 0, 0, numUses)));
		return (String) response.auth().get("client_token");
	}

	/** Revokes the token of {@link #login}. */
	public void revoke(String user) {
		this.tokens.revokeCreatedUnder(USERPASS.path() + "login/" + user + "/");
	}

	/**
	 * A cubbyhole request as the request path runs it: one use of the token, the
	 * existence check, the engine.
	 */
	public LogicalResponse call(String token, Operation operation, String path, Map<String, Object> data) {
		TokenEntry entry = this.tokens.use(token).orElseThrow(VaultException::permissionDenied);
		Caller caller = new Caller(token, entry);
		LogicalRequest request = new LogicalRequest(operation, path, data, CubbyholeEngine.MOUNT,
				UUID.randomUUID().toString());
		if (operation == Operation.UPDATE && !this.engine.exists(request, caller)) {
			request = new LogicalRequest(Operation.CREATE, path, data, CubbyholeEngine.MOUNT, request.requestId());
		}
		return this.engine.handle(request, caller);
	}

	public LogicalResponse write(String token, String path, Map<String, Object> data) {
		return call(token, Operation.UPDATE, path, data);
	}

	public LogicalResponse read(String token, String path) {
		return call(token, Operation.READ, path, Map.of());
	}

	/** Raw storage keys of every cubbyhole (encrypted values behind them). */
	public List<String> storedKeys() {
		return this.storage.raw()
			.keySet()
			.stream()
			.filter((key) -> key.startsWith(CubbyholeEngine.STORAGE_PREFIX))
			.toList();
	}

	private void publish(Object event) {
		if (event instanceof TokenRevokedEvent revoked) {
			this.cubbyholes.onTokenRevoked(revoked);
		}
	}

}
