package io.coffer.gateway.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import io.coffer.common.authorize.AclEpoch;
import io.coffer.common.authorize.AuthorizeRequest;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A stand-in for one secrets node with the contract the gateway relies on: health codes
 * per state, standby refusals marked {@code X-Coffer-Not-Executed}, sealed answers
 * without it, its own seal endpoints, {@code /internal/authorize} and the ACL epoch
 * header. Logical requests are echoed back as JSON and recorded.
 */
public final class FakeSecretsNode {

	/** What the node currently is. */
	public enum Mode {

		ACTIVE, STANDBY, SEALED, UNINITIALIZED

	}

	/** One request the node received. */
	public record Received(String method, String path, String query, String requestId, String token, String body,
			String identity, String authorization) {
	}

	public static final String ROOT_TOKEN = "test-root-token";

	/** The one token {@code /internal/authorize} denies. */
	public static final String DENIED_TOKEN = "test-denied-token";

	/**
	 * The one token {@code /internal/authorize} refuses with a rate-limit 429, as a node
	 * does for a client over its quota.
	 */
	public static final String RATE_LIMITED_TOKEN = "test-rate-limited-token";

	/** Allowed, on a path whose rate-limit quota asks for Vault's response headers. */
	public static final String QUOTA_HEADERS_TOKEN = "test-quota-headers-token";

	/** The accessor of every token {@code /internal/authorize} allows. */
	public static final String ACCESSOR = "test-accessor";

	/** The error of a request that wrote, then lost the active role. */
	public static final String LOST_ACTIVE_ROLE = "this node lost the active role during the request";

	public static final String GOOD_KEY = "good-share";

	/**
	 * A well-formed share a sealed node rejects (as at the threshold with a wrong share).
	 */
	public static final String WRONG_KEY = "wrong-share";

	private final String name;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Mode mode;

	private volatile Mode modeAfterUnseal = Mode.STANDBY;

	private volatile Duration delay = Duration.ZERO;

	private volatile boolean loseActiveRoleAfterWrite;

	private volatile Duration healthDelay = Duration.ZERO;

	private volatile boolean refusing;

	private volatile String aclEpoch;

	private volatile boolean authorizeCacheable = true;

	private volatile int port;

	private volatile DisposableServer server;

	private volatile ChannelGroup connections;

	private FakeSecretsNode(String name, Mode mode) {
		this.name = name;
		this.mode = mode;
	}

	public static FakeSecretsNode start(String name, Mode mode) {
		FakeSecretsNode node = new FakeSecretsNode(name, mode);
		node.bind(0);
		return node;
	}

	public String name() {
		return this.name;
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public Mode mode() {
		return this.mode;
	}

	public void mode(Mode mode) {
		this.mode = mode;
	}

	/** The state a successful unseal share puts this node in. */
	public void modeAfterUnseal(Mode mode) {
		this.modeAfterUnseal = mode;
	}

	/** Delay before answering a logical request (to make the gateway time out). */
	public void delay(Duration delay) {
		this.delay = delay;
	}

	/**
	 * The next logical request is answered as by a node that wrote and then lost the
	 * active role: a 503 without the not-executed mark; the node is a standby afterwards.
	 */
	public void loseActiveRoleAfterNextWrite() {
		this.loseActiveRoleAfterWrite = true;
	}

	/** Holds every {@code sys/health} answer back this long. */
	public void healthDelay(Duration healthDelay) {
		this.healthDelay = healthDelay;
	}

	/**
	 * Answers every logical request as a standby whatever its health says (a node that
	 * lost the active role between two health polls, for good).
	 */
	public void refuseAsStandby(boolean refuse) {
		this.refusing = refuse;
	}

	/**
	 * The ACL epoch this node sends on every response and in its authorization decisions
	 * (null: none, as before nodes had one).
	 */
	public void aclEpoch(String epoch) {
		this.aclEpoch = epoch;
	}

	/** Whether allow decisions say the gateway may cache them (false: use-limited). */
	public void authorizeCacheable(boolean cacheable) {
		this.authorizeCacheable = cacheable;
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public List<Received> received(String path) {
		return this.received.stream().filter((request) -> request.path().equals(path)).toList();
	}

	public void reset(Mode mode) {
		this.mode = mode;
		this.modeAfterUnseal = Mode.STANDBY;
		this.delay = Duration.ZERO;
		this.loseActiveRoleAfterWrite = false;
		this.healthDelay = Duration.ZERO;
		this.refusing = false;
		this.aclEpoch = null;
		this.authorizeCacheable = true;
		this.received.clear();
		if (!isRunning()) {
			bind(this.port);
		}
	}

	public boolean isRunning() {
		return this.server != null && !this.server.isDisposed();
	}

	/**
	 * Stops like a killed process: open connections are closed and new ones refused until
	 * {@link #reset(Mode)}.
	 */
	public void stop() {
		if (isRunning()) {
			this.server.disposeNow(Duration.ofSeconds(5));
			this.connections.close().syncUninterruptibly();
		}
	}

	private void bind(int wanted) {
		this.connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
		this.server = HttpServer.create()
			.channelGroup(this.connections)
			.host("127.0.0.1")
			.port(wanted)
			.option(ChannelOption.SO_REUSEADDR, true)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asString()
				.defaultIfEmpty("")
				.flatMap((body) -> answer(request, response, body)))
			.bindNow();
		this.port = this.server.port();
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response, String body) {
		String uri = request.uri();
		int queryStart = uri.indexOf('?');
		String path = (queryStart < 0) ? uri : uri.substring(0, queryStart);
		String query = (queryStart < 0) ? "" : uri.substring(queryStart + 1);
		String method = request.method().name();
		this.received.add(new Received(method, path, query, request.requestHeaders().get("X-Coffer-Request-Id"),
				request.requestHeaders().get("X-Vault-Token"), body, request.requestHeaders().get("X-Coffer-Identity"),
				request.requestHeaders().get("Authorization")));
		response.header("Content-Type", "application/json");
		String epoch = this.aclEpoch;
		if (epoch != null) {
			response.header(AclEpoch.HEADER, epoch);
		}
		return switch (path) {
			case AuthorizeRequest.PATH -> authorize(response, body);
			case "/v1/sys/health" -> Mono.delay(this.healthDelay).then(json(response, healthCode(), healthBody()));
			case "/v1/sys/seal-status" -> json(response, 200, sealStatus());
			case "/v1/sys/unseal" -> unseal(response, body);
			case "/v1/sys/seal" -> seal(request, response);
			case "/v1/sys/init", "/v1/sys/leader" -> json(response, 200, "{\"node\":\"" + this.name + "\"}");
			default ->
				logical(response, method, path, query, body, request.requestHeaders().get("X-Coffer-Request-Id"));
		};
	}

	private Mono<Void> logical(HttpServerResponse response, String method, String path, String query, String body,
			String requestId) {
		Mode now = this.mode;
		if (now == Mode.STANDBY || this.refusing) {
			response.header("X-Coffer-Not-Executed", "true");
			return json(response, 503, "{\"errors\":[\"node is a standby\"]}");
		}
		if (now != Mode.ACTIVE) {
			return json(response, 503, "{\"errors\":[\"Vault is sealed\"]}");
		}
		if (this.loseActiveRoleAfterWrite) {
			// as a real node that wrote, then lost its lock: unmarked, so never replayed
			this.loseActiveRoleAfterWrite = false;
			this.mode = Mode.STANDBY;
			return json(response, 503, "{\"errors\":[\"" + LOST_ACTIVE_ROLE + "\"]}");
		}
		response.header("Cache-Control", "max-age=3600");
		String echo = String.format(Locale.ROOT,
				"{\"node\":\"%s\",\"method\":\"%s\",\"path\":\"%s\",\"query\":\"%s\",\"request_id\":\"%s\",\"body_length\":%d}",
				this.name, method, path, query, requestId, body.length());
		return Mono.delay(this.delay).then(json(response, 200, echo));
	}

	/**
	 * {@code /internal/authorize}: allows every token but {@link #DENIED_TOKEN}, refusing
	 * as a standby or sealed node refuses any request.
	 */
	private Mono<Void> authorize(HttpServerResponse response, String body) {
		Mode now = this.mode;
		if (now == Mode.STANDBY || this.refusing) {
			response.header("X-Coffer-Not-Executed", "true");
			return json(response, 503, "{\"errors\":[\"node is a standby\"]}");
		}
		if (now != Mode.ACTIVE) {
			return json(response, 503, "{\"errors\":[\"Vault is sealed\"]}");
		}
		String epoch = (this.aclEpoch != null) ? this.aclEpoch : "";
		if (body.contains(RATE_LIMITED_TOKEN)) {
			response.header("Retry-After", "7")
				.header("X-RateLimit-Limit", "2")
				.header("X-RateLimit-Remaining", "0")
				.header("X-RateLimit-Reset", "7");
			return json(response, 429,
					"{\"errors\":[\"request path \\\"sys/leases/lookup\\\": rate limit quota exceeded\"]}");
		}
		if (body.contains(QUOTA_HEADERS_TOKEN)) {
			response.header("X-RateLimit-Limit", "5")
				.header("X-RateLimit-Remaining", "4")
				.header("X-RateLimit-Reset", "60");
		}
		if (body.contains(DENIED_TOKEN)) {
			return json(response, 200, "{\"allowed\":false,\"policies\":[],\"accessor\":\"\",\"display_name\":\"\","
					+ "\"entity_id\":\"\",\"ttl\":0,\"cacheable\":false,\"acl_epoch\":\"" + epoch + "\"}");
		}
		return json(response, 200,
				String.format(Locale.ROOT,
						"{\"allowed\":true,\"policies\":[\"default\",\"lease-reader\"],\"accessor\":\"%s\","
								+ "\"display_name\":\"token-ci\",\"entity_id\":\"\",\"ttl\":3600,\"cacheable\":%s,"
								+ "\"acl_epoch\":\"%s\"}",
						ACCESSOR, this.authorizeCacheable, epoch));
	}

	private Mono<Void> unseal(HttpServerResponse response, String body) {
		if (!body.contains("\"key\"")) {
			return json(response, 400, "{\"errors\":[\"'key' must be specified in request body as JSON\"]}");
		}
		if (this.mode == Mode.UNINITIALIZED) {
			return json(response, 400, "{\"errors\":[\"Vault is not initialized\"]}");
		}
		if (this.mode == Mode.SEALED && body.contains(WRONG_KEY)) {
			return json(response, 400, "{\"errors\":[\"unseal failed, invalid key\"]}");
		}
		if (this.mode == Mode.SEALED && body.contains(GOOD_KEY)) {
			this.mode = this.modeAfterUnseal;
		}
		return json(response, 200, sealStatus());
	}

	private Mono<Void> seal(HttpServerRequest request, HttpServerResponse response) {
		if (!ROOT_TOKEN.equals(request.requestHeaders().get("X-Vault-Token"))) {
			return json(response, 403, "{\"errors\":[\"permission denied\"]}");
		}
		if (!this.mode.equals(Mode.ACTIVE) && !this.mode.equals(Mode.STANDBY)) {
			return json(response, 503, "{\"errors\":[\"Vault is sealed\"]}");
		}
		this.mode = Mode.SEALED;
		return response.status(HttpResponseStatus.NO_CONTENT).send();
	}

	private int healthCode() {
		return switch (this.mode) {
			case ACTIVE -> 200;
			case STANDBY -> 429;
			case SEALED -> 503;
			case UNINITIALIZED -> 501;
		};
	}

	private String healthBody() {
		Mode now = this.mode;
		return String.format(Locale.ROOT, "{\"initialized\":%s,\"sealed\":%s,\"standby\":%s,\"node\":\"%s\"}",
				now != Mode.UNINITIALIZED, now == Mode.SEALED || now == Mode.UNINITIALIZED, now == Mode.STANDBY,
				this.name);
	}

	private String sealStatus() {
		Mode now = this.mode;
		return String.format(Locale.ROOT, "{\"type\":\"shamir\",\"sealed\":%s,\"node\":\"%s\"}",
				now == Mode.SEALED || now == Mode.UNINITIALIZED, this.name);
	}

	private static Mono<Void> json(HttpServerResponse response, int status, String body) {
		return response.status(status).sendString(Mono.just(body)).then();
	}

}
