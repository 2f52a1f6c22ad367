package io.coffer.secrets.lease;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.engine.EngineFactory;
import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;

/**
 * A test-only engine type, {@value #TYPE}, that issues dynamic secrets as a database
 * engine would: {@code GET creds/<role>} answers a user name and password with a
 * {@link LeasedSecret} (2 h TTL, renewable, internal data = the user name), and records
 * every revocation and renewal it is asked for. Role {@value #STUCK_ROLE}'s secrets
 * refuse to be revoked. Mounted the normal way ({@code sys/mounts}) when registered as a
 * bean.
 */
final class TestLeaseEngines implements EngineFactory {

	static final String TYPE = "leasetest";

	static final String STUCK_ROLE = "stuck";

	/** The TTL the engine asks for its secrets. */
	static final long ENGINE_TTL = 7200;

	/** The TTL it grants a renewal without an increment. */
	static final long RENEW_DEFAULT = 600;

	private final AtomicInteger issued = new AtomicInteger();

	final List<String> users = new CopyOnWriteArrayList<>();

	final List<Map<String, Object>> revoked = new CopyOnWriteArrayList<>();

	final List<LeasedSecret.Renewal> renewals = new CopyOnWriteArrayList<>();

	@Override
	public Set<String> types() {
		return Set.of(TYPE);
	}

	@Override
	public SecretEngine create(MountEntry mount, BarrierView view) {
		return new Engine();
	}

	String lastUser() {
		return this.users.get(this.users.size() - 1);
	}

	boolean wasRevoked(String user) {
		return this.revoked.stream().anyMatch((data) -> user.equals(data.get("username")));
	}

	private final class Engine implements SecretEngine {

		@Override
		public LogicalResponse handle(LogicalRequest request) {
			if (request.operation() != Operation.READ || !request.path().startsWith("creds/")) {
				throw VaultException.unsupportedPath(request.path());
			}
			String role = request.path().substring("creds/".length());
			String user = "v-" + role + "-" + TestLeaseEngines.this.issued.incrementAndGet();
			TestLeaseEngines.this.users.add(user);
			return LogicalResponse.data(Map.of("username", user, "password", "pw-" + user + "-s3cret"))
				.withSecret(new LeasedSecret(ENGINE_TTL, 0, true, role, Map.of("username", user, "role", role)));
		}

		@Override
		public void revokeSecret(Map<String, Object> internalData) {
			if (STUCK_ROLE.equals(internalData.get("role"))) {
				throw VaultException.badRequest("role \"" + STUCK_ROLE + "\" cannot be dropped: it owns objects");
			}
			TestLeaseEngines.this.revoked.add(internalData);
		}

		@Override
		public LeasedSecret renewSecret(LeasedSecret.Renewal renewal) {
			TestLeaseEngines.this.renewals.add(renewal);
			long wanted = (renewal.incrementSeconds() > 0) ? renewal.incrementSeconds() : RENEW_DEFAULT;
			return new LeasedSecret(Math.min(wanted, renewal.ceilingSeconds()), 0, true, "", renewal.internalData());
		}

	}

}
