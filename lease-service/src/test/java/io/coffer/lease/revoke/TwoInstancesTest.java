package io.coffer.lease.revoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.lease.LeaseRegistration;
import io.coffer.lease.LeaseServiceApplication;
import io.coffer.lease.support.FakeNode;
import io.coffer.lease.support.TestKeys;
import io.coffer.lease.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two lease-service instances (two Spring applications) on one database, each with its
 * revocation worker: every expired lease is revoked on the node exactly once.
 */
class TwoInstancesTest {

	private static final FakeNode NODE = new FakeNode();

	private static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();

	@BeforeAll
	static void startTwoInstances() {
		String database = TestPostgres.newDatabase();
		for (int i = 0; i < 2; i++) {
			Map<String, Object> properties = new HashMap<>(TestKeys.properties(database, NODE.url().toString()));
			properties.put("coffer.lease.revoke.batch-size", "25");
			properties.put("coffer.lease.revoke.concurrency", "8");
			properties.put("coffer.lease.revoke.poll-interval", "20ms");
			String[] args = properties.entrySet()
				.stream()
				.map((property) -> "--" + property.getKey() + "=" + property.getValue())
				.toArray(String[]::new);
			INSTANCES.add(new SpringApplicationBuilder(LeaseServiceApplication.class).run(args));
		}
	}

	@AfterAll
	static void stop() {
		INSTANCES.forEach(ConfigurableApplicationContext::close);
		NODE.close();
	}

	@Test
	void everyExpiredLeaseIsRevokedExactlyOnce() throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		JsonMapper json = JsonMapper.builder().build();
		int leases = 600;
		for (int i = 0; i < leases; i++) {
			ConfigurableApplicationContext instance = INSTANCES.get(i % 2);
			int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
			LeaseRegistration registration = new LeaseRegistration("database/creds/ro/lease" + i, "database/",
					"mount_accessor_1", "ro", "", 1, 0, true, "c2VhbGVk");
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/leases"))
					.header(InternalIdentity.HEADER, TestKeys.identity(TestKeys.SECRETS, "secrets"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(registration)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> NODE.revocations().size() == leases);
		// give a second revocation, if any, the time to happen
		await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
		assertThat(NODE.revocations().values()).extracting(AtomicInteger::get).containsOnly(1);
		assertThat(NODE.totalRevocations()).isEqualTo(leases);
	}

}
