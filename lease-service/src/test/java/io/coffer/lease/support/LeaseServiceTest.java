package io.coffer.lease.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Map;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.lease.LeaseRegistration;
import io.coffer.lease.LeaseServiceApplication;
import io.coffer.lease.node.ResilientNode;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A lease-service on a random port, on a database of its own in the test PostgreSQL, with
 * a {@link FakeNode} as its secrets node. Subclasses share the context (and the
 * database): each test uses lease ids of its own.
 */
@SpringBootTest(classes = LeaseServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class LeaseServiceTest {

	protected static final FakeNode NODE = new FakeNode();

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DATABASE = TestPostgres.newDatabase();

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final SecureRandom RANDOM = new SecureRandom();

	@LocalServerPort
	protected int port;

	@Autowired
	private ResilientNode resilientNode;

	@Autowired
	protected JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestKeys.properties(DATABASE, NODE.url().toString()).forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void resetNode() {
		NODE.answerRevocations(204, "");
		NODE.answerEverything(0);
		NODE.grantRenewals(3600, true);
		NODE.delayRevocations(0);
		// a test that made the node unreachable leaves the breaker open for a while
		this.resilientNode.reset();
	}

	/** A fresh lease id under {@code path}. */
	protected static String leaseId(String path) {
		StringBuilder suffix = new StringBuilder();
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
		for (int i = 0; i < 24; i++) {
			suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return path + "/" + suffix;
	}

	/** Registers a lease as a node does; answers the response. */
	protected HttpResponse<String> register(String leaseId, long ttl, long maxTtl, boolean renewable) {
		LeaseRegistration registration = new LeaseRegistration(leaseId, leaseId.substring(0, leaseId.indexOf('/') + 1),
				"mount_accessor_1", "ro", "token_accessor_1", ttl, maxTtl, renewable, "c2VhbGVk");
		return node("POST", "/internal/leases", JSON.writeValueAsString(registration));
	}

	/** A call as the gateway forwards it. */
	protected HttpResponse<String> gateway(String method, String path, String body) {
		return call(method, path, body, TestKeys.identity(TestKeys.GATEWAY, "gateway"));
	}

	/** A call as a secrets node makes it. */
	protected HttpResponse<String> node(String method, String path, String body) {
		return call(method, path, body, TestKeys.identity(TestKeys.SECRETS, "secrets"));
	}

	protected HttpResponse<String> call(String method, String path, String body, String identity) {
		return call(method, path, body, identity, "application/json");
	}

	/** A call whose body is sent with {@code contentType}, as curl or a form would. */
	protected HttpResponse<String> call(String method, String path, String body, String identity, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (identity != null) {
			request.header(InternalIdentity.HEADER, identity);
		}
		if (body != null) {
			request.header("Content-Type", contentType);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Inserts {@code count} active leases under {@code prefix} straight into the database
	 * (as registrations would, faster), expiring in an hour.
	 */
	protected void insertLeases(String prefix, int count) {
		this.jdbc.sql("""
				INSERT INTO leases (lease_id, mount_path, mount_accessor, role, token_accessor, issue_time, expire_time,
				                    renewable, revocation_data)
				SELECT :prefix || lpad(n::text, 6, '0'), 'bulk/', 'mount_accessor_bulk', '', '', now(),
				       now() + interval '1 hour', true, 'c2VhbGVk'
				FROM generate_series(1, :count) AS n""").param("prefix", prefix).param("count", count).update();
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	protected static String body(Map<String, ?> fields) {
		return JSON.writeValueAsString(fields);
	}

}
