package io.coffer.e2e;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.lease.SecretLeaseContainer;
import org.springframework.vault.core.lease.domain.RequestedSecret;
import org.springframework.vault.core.lease.event.AfterSecretLeaseRenewedEvent;
import org.springframework.vault.core.lease.event.AfterSecretLeaseRevocationEvent;
import org.springframework.vault.core.lease.event.SecretLeaseCreatedEvent;
import org.springframework.vault.core.lease.event.SecretLeaseEvent;
import org.springframework.vault.support.VaultMount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dynamic PostgreSQL credentials with leases, end to end: the real jars (nodes,
 * lease-service on its local PostgreSQL, gateway), a second real PostgreSQL in this JVM
 * as the database whose roles Coffer manages, and the calls Vault clients make (raw
 * {@code sys/leases/*}, the legacy paths node-vault calls, Spring Vault's
 * {@code SecretLeaseContainer}).
 */
class LeasesIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static final String MOUNT = "db-it";

	private static EmbeddedPostgres target;

	private static VaultHttp http;

	private static String root;

	@BeforeAll
	static void mountTheDatabaseEngine() throws IOException {
		target = EmbeddedPostgres.start();
		http = coffer.cluster().http();
		root = coffer.cluster().rootToken();
		http.post("sys/mounts/" + MOUNT, Map.of("type", "database"), root).requireSuccess();
		http.post(MOUNT + "/config/target",
				Map.of("plugin_name", "postgresql-database-plugin", "connection_url",
						"postgresql://{{username}}:{{password}}@127.0.0.1:" + target.getPort() + "/postgres",
						"username", "postgres", "password", "postgres", "allowed_roles", "*"),
				root)
			.requireSuccess();
		role("app", "1h", "2h");
		role("short", "2s", "2s");
		role("quota", "1h", "1h");
		role("legacy", "1h", "1h");
		// A revocation statement of its own, as operators write them: Vault's default
		// revocation also
		// rewrites the schema's and database's privileges, which serializes revocations
		// on those rows.
		http.post(MOUNT + "/roles/bulk",
				Map.of("db_name", "target", "creation_statements", List.of(createRole()), "revocation_statements",
						List.of("DROP ROLE IF EXISTS \"{{name}}\";"), "default_ttl", "1h", "max_ttl", "1h"),
				root)
			.requireSuccess();
		role("down", "1h", "1h");
		role("owned", "1h", "1h");
	}

	@AfterAll
	static void stopTheTarget() throws IOException {
		if (target != null) {
			target.close();
		}
	}

	@Test
	void credsAreLeasedRenewedAndRevokeDropsTheRole() throws SQLException {
		VaultReply creds = http.get(MOUNT + "/creds/app", root);
		assertThat(creds.status()).isEqualTo(200);
		String leaseId = creds.json().at("/lease_id").asString();
		String user = creds.json().at("/data/username").asString();
		assertThat(leaseId).startsWith(MOUNT + "/creds/app/");
		assertThat(creds.json().at("/renewable").asBoolean()).isTrue();
		assertThat(creds.json().at("/lease_duration").asLong()).isEqualTo(3600);
		assertThat(canLogIn(user, creds.json().at("/data/password").asString())).isTrue();

		VaultReply lookup = http.put("sys/leases/lookup", Map.of("lease_id", leaseId), root);
		assertThat(lookup.status()).isEqualTo(200);
		assertThat(lookup.json().at("/data/id").asString()).isEqualTo(leaseId);
		assertThat(lookup.json().at("/data/ttl").asLong()).isBetween(3500L, 3600L);

		// Spring Vault sends the increment as a string and needs a boolean renewable
		// back.
		VaultReply renewed = http.put("sys/leases/renew", Map.of("lease_id", leaseId, "increment", "600"), root);
		assertThat(renewed.status()).isEqualTo(200);
		assertThat(renewed.json().at("/lease_id").asString()).isEqualTo(leaseId);
		assertThat(renewed.json().at("/lease_duration").asLong()).isEqualTo(600);
		assertThat(renewed.json().at("/renewable").isBoolean()).isTrue();

		assertThat(http.put("sys/leases/revoke", Map.of("lease_id", leaseId, "sync", true), root).status())
			.isEqualTo(204);
		assertThat(roleExists(user)).isFalse();
		assertThat(canLogIn(user, creds.json().at("/data/password").asString())).isFalse();
		assertThat(http.put("sys/leases/renew", Map.of("lease_id", leaseId), root).status()).isEqualTo(400);
	}

	@Test
	void aLeaseExpiresOnItsOwnAndItsRoleIsDropped() throws SQLException {
		VaultReply creds = http.get(MOUNT + "/creds/short", root);
		assertThat(creds.status()).isEqualTo(200);
		String user = creds.json().at("/data/username").asString();
		assertThat(roleExists(user)).isTrue();

		await("the expired lease's role dropped").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> !roleExists(user));
		assertThat(http.put("sys/leases/lookup", Map.of("lease_id", creds.json().at("/lease_id").asString()), root)
			.status()).isEqualTo(400);
	}

	@Test
	void aLeaseCountQuotaRefusesAtItsMaximumAndAllowsAgainAfterARevoke() throws SQLException {
		assertThat(http
			.post("sys/quotas/lease-count/db-it-quota", Map.of("path", MOUNT + "/creds/quota", "max_leases", 2), root)
			.status()).isIn(200, 204);
		String first = http.get(MOUNT + "/creds/quota", root).requireSuccess().json().at("/lease_id").asString();
		http.get(MOUNT + "/creds/quota", root).requireSuccess();
		int rolesBefore = rolesNamedLike("%quota%");

		VaultReply refused = http.get(MOUNT + "/creds/quota", root);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.body()).contains("lease count quota exceeded");
		assertThat(rolesNamedLike("%quota%")).as("no role is left behind by the refused request")
			.isEqualTo(rolesBefore);

		http.put("sys/leases/revoke", Map.of("lease_id", first, "sync", true), root);
		assertThat(http.get(MOUNT + "/creds/quota", root).status()).isEqualTo(200);
		http.delete("sys/quotas/lease-count/db-it-quota", root);
	}

	@Test
	void theLegacyPathsNodeVaultCallsRenewAndRevokeByPrefix() throws SQLException {
		String a = http.get(MOUNT + "/creds/legacy", root).requireSuccess().json().at("/data/username").asString();
		VaultReply second = http.get(MOUNT + "/creds/legacy", root).requireSuccess();
		String b = second.json().at("/data/username").asString();

		VaultReply renewed = http.put("sys/renew/" + second.json().at("/lease_id").asString(), Map.of(), root);
		assertThat(renewed.status()).isEqualTo(200);
		assertThat(renewed.json().at("/renewable").asBoolean()).isTrue();

		assertThat(http.put("sys/revoke-prefix/" + MOUNT + "/creds/legacy", Map.of("sync", true), root).status())
			.isEqualTo(204);
		await("both roles dropped").atMost(Duration.ofSeconds(30)).until(() -> !roleExists(a) && !roleExists(b));
		assertThat(http.list("sys/leases/lookup/" + MOUNT + "/creds/legacy/", root).status()).isEqualTo(404);
	}

	@Test
	void springVaultsSecretLeaseContainerObtainsRenewsAndRevokes() throws Exception {
		VaultTemplate vault = coffer.cluster().vaultTemplate();
		vault.opsForSys().mount("db-spring", VaultMount.create("database"));
		http.post("db-spring/config/target",
				Map.of("plugin_name", "postgresql-database-plugin", "connection_url",
						"postgresql://{{username}}:{{password}}@127.0.0.1:" + target.getPort() + "/postgres",
						"username", "postgres", "password", "postgres", "allowed_roles", "spring"),
				root)
			.requireSuccess();
		http.post("db-spring/roles/spring", Map.of("db_name", "target", "creation_statements", List.of(createRole()),
				"default_ttl", "20s", "max_ttl", "1h"), root)
			.requireSuccess();

		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		BlockingQueue<SecretLeaseEvent> events = new LinkedBlockingQueue<>();
		SecretLeaseContainer container = new SecretLeaseContainer(vault, scheduler);
		// Renew 15 s before expiry: the 20 s lease is renewed about 5 s after it was
		// issued.
		container.setExpiryThreshold(Duration.ofSeconds(15));
		container.setMinRenewal(Duration.ofSeconds(1));
		container.addLeaseListener(events::add);
		container.addRequestedSecret(RequestedSecret.renewable("db-spring/creds/spring"));
		try {
			container.afterPropertiesSet();
			container.start();
			SecretLeaseCreatedEvent created = next(events, SecretLeaseCreatedEvent.class);
			String user = (String) created.getSecrets().get("username");
			assertThat(roleExists(user)).isTrue();
			assertThat(created.getLease().getLeaseId()).startsWith("db-spring/creds/spring/");

			AfterSecretLeaseRenewedEvent renewed = next(events, AfterSecretLeaseRenewedEvent.class);
			assertThat(renewed.getLease().getLeaseDuration()).isPositive();

			container.destroy();
			next(events, AfterSecretLeaseRevocationEvent.class);
			await("the container's role dropped on shutdown").atMost(Duration.ofSeconds(30))
				.until(() -> !roleExists(user));
		}
		finally {
			container.destroy();
			scheduler.destroy();
		}
	}

	@Test
	void revokePrefixOfManyLeasesCompletesAcrossAKillOfLeaseService() throws Exception {
		int count = Integer.getInteger("coffer.e2e.prefix-leases", 10_000);
		issue(MOUNT + "/creds/bulk", count);
		assertThat(rolesNamedLike("v-root-bulk-%")).isEqualTo(count);

		VaultReply started = http.put("sys/leases/revoke-prefix/" + MOUNT + "/creds/bulk", Map.of("sync", false), root);
		assertThat(started.status()).isEqualTo(202);
		await("some revoked").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> rolesNamedLike("v-root-bulk-%") < count);
		coffer.cluster().leaseService().killForcibly();
		long leftAtKill = rolesNamedLike("v-root-bulk-%");
		coffer.cluster().restartLeaseService();

		await("every lease under the prefix revoked after the restart").atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> rolesNamedLike("v-root-bulk-%") == 0);
		// a lease's record is deleted right after its revocation callback dropped the
		// role
		await("no lease left under the prefix").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> http.list("sys/leases/lookup/" + MOUNT + "/creds/bulk/", root).status() == 404);
		System.out.printf("revoke-prefix of %d leases: %d roles left when lease-service was killed, all gone after "
				+ "its restart%n", count, leftAtKill);
	}

	@Test
	void disablingTheMountRevokesItsLeasesFirst() throws SQLException {
		http.post("sys/mounts/db-gone", Map.of("type", "database"), root).requireSuccess();
		http.post("db-gone/config/target",
				Map.of("plugin_name", "postgresql-database-plugin", "connection_url",
						"postgresql://{{username}}:{{password}}@127.0.0.1:" + target.getPort() + "/postgres",
						"username", "postgres", "password", "postgres", "allowed_roles", "*"),
				root)
			.requireSuccess();
		http.post("db-gone/roles/app", Map.of("db_name", "target", "creation_statements", List.of(createRole()),
				"default_ttl", "1h", "max_ttl", "1h"), root)
			.requireSuccess();
		String user = http.get("db-gone/creds/app", root).requireSuccess().json().at("/data/username").asString();
		assertThat(roleExists(user)).isTrue();

		assertThat(http.delete("sys/mounts/db-gone", root).status()).isEqualTo(204);

		assertThat(roleExists(user)).as("the mount's credential is revoked before the mount goes").isFalse();
		assertThat(http.list("sys/leases/lookup/db-gone/creds/app/", root).status()).isEqualTo(404);
	}

	@Test
	void withLeaseServiceDownIssuingFailsCleanlyAndStaticSecretsStillRead() throws Exception {
		http.post("secret/data/leases-it", Map.of("data", Map.of("k", "v")), root).requireSuccess();
		int rolesBefore = rolesNamedLike("v-root-down-%");
		coffer.cluster().leaseService().killForcibly();
		try {
			VaultReply refused = http.get(MOUNT + "/creds/down", root);
			assertThat(refused.status()).isEqualTo(500);
			assertThat(refused.body()).contains("failed to register lease").doesNotContain("password");
			assertThat(rolesNamedLike("v-root-down-%")).as("the credential was dropped, never handed out")
				.isEqualTo(rolesBefore);
			assertThat(http.get("secret/data/leases-it", root).json().at("/data/data/k").asString()).isEqualTo("v");
		}
		finally {
			coffer.cluster().restartLeaseService();
		}
		assertThat(http.get(MOUNT + "/creds/down", root).status()).isEqualTo(200);
	}

	@Test
	void aTokensExpiryRevokesItsChildrenAndTheLeasesItCreated() throws SQLException {
		http.put("sys/policy/leases-it",
				Map.of("policy",
						"path \"" + MOUNT + "/creds/owned\" { capabilities = [\"read\"] }\n"
								+ "path \"auth/token/create\" { capabilities = [\"update\"] }\n"),
				root)
			.requireSuccess();
		String parent = http.post("auth/token/create", Map.of("policies", List.of("leases-it"), "ttl", "8s"), root)
			.requireSuccess()
			.json()
			.at("/auth/client_token")
			.asString();
		String child = http.post("auth/token/create", Map.of("policies", List.of("leases-it"), "ttl", "1h"), parent)
			.requireSuccess()
			.json()
			.at("/auth/client_token")
			.asString();
		String user = http.get(MOUNT + "/creds/owned", parent).requireSuccess().json().at("/data/username").asString();
		assertThat(roleExists(user)).isTrue();

		await("the parent's expiry revoked its child and dropped its lease's role").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> !roleExists(user) && http.get("auth/token/lookup-self", child).status() == 403);
		assertThat(http.get("auth/token/lookup-self", parent).status()).isEqualTo(403);
	}

	/** Issues {@code count} credentials of {@code path} from 8 clients. */
	private static void issue(String path, int count) throws InterruptedException {
		java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
		long t0 = System.nanoTime();
		List<Thread> clients = new java.util.ArrayList<>();
		for (int t = 0; t < 8; t++) {
			clients.add(Thread.ofPlatform().start(() -> {
				while (next.getAndIncrement() < count) {
					if (http.get(path, root).status() != 200) {
						failures.incrementAndGet();
					}
				}
			}));
		}
		for (Thread client : clients) {
			client.join();
		}
		assertThat(failures).hasValue(0);
		System.out.printf("issued %d credentials of %s in %.1f s%n", count, path, (System.nanoTime() - t0) / 1e9);
	}

	private static <T extends SecretLeaseEvent> T next(BlockingQueue<SecretLeaseEvent> events, Class<T> type)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			SecretLeaseEvent event = events.poll(1, TimeUnit.SECONDS);
			if (type.isInstance(event)) {
				return type.cast(event);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " within 60 s");
	}

	static void role(String name, String defaultTtl, String maxTtl) {
		http.post(MOUNT + "/roles/" + name, Map.of("db_name", "target", "creation_statements", List.of(createRole()),
				"default_ttl", defaultTtl, "max_ttl", maxTtl), root)
			.requireSuccess();
	}

	static String createRole() {
		return "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';";
	}

	static boolean roleExists(String user) throws SQLException {
		return roleExists(target, user);
	}

	static boolean roleExists(EmbeddedPostgres database, String user) throws SQLException {
		try (Connection connection = database.getPostgresDatabase().getConnection();
				PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
			query.setString(1, user);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next();
			}
		}
	}

	static int rolesNamedLike(String pattern) throws SQLException {
		try (Connection connection = target.getPostgresDatabase().getConnection();
				PreparedStatement query = connection
					.prepareStatement("SELECT count(*) FROM pg_roles WHERE rolname LIKE ?")) {
			query.setString(1, pattern);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	static boolean canLogIn(String user, String password) {
		String url = "jdbc:postgresql://127.0.0.1:" + target.getPort() + "/postgres";
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
