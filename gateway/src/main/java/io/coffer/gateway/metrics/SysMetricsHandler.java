package io.coffer.gateway.metrics;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.coffer.common.authorize.AuthorizeDecision;
import io.coffer.common.authorize.AuthorizeRequest;
import io.coffer.gateway.authorize.AuthorizeClient;
import io.coffer.gateway.authorize.NodeAnswer;
import io.coffer.gateway.error.InvalidRequestException;
import io.coffer.gateway.error.PermissionDeniedException;
import io.coffer.gateway.identity.ClientAddressFilter;
import io.coffer.gateway.identity.NodeRequestHeaders;
import io.coffer.gateway.web.ForwardedHeaders;
import io.coffer.gateway.web.RequestIds;
import io.coffer.support.metrics.MetricsFormat;
import io.coffer.support.metrics.VaultMetricsJson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /v1/sys/metrics} of the gateway itself (never forwarded: each Coffer process
 * answers for itself, unlike Vault's standbys, hashicorp/vault#6802): the gateway's
 * meters in Vault's JSON or, with {@code format=prometheus}, Prometheus' text format.
 * Unless {@code coffer.telemetry.unauthenticated-metrics-access} is set, the client's
 * token must grant {@code read} on {@code sys/metrics}: no token is Vault's 403 at once,
 * otherwise the active secrets node decides ({@code /internal/authorize}, audited there
 * when an audit device is enabled); its other answers (sealed, rate-limited) are relayed.
 */
public class SysMetricsHandler {

	static final String PATH = "sys/metrics";

	private final AuthorizeClient authorize;

	private final PrometheusMeterRegistry registry;

	private final MetricsProperties properties;

	private final Clock clock;

	private final JsonMapper json;

	private final RequestIds requestIds;

	SysMetricsHandler(AuthorizeClient authorize, PrometheusMeterRegistry registry, MetricsProperties properties,
			Support support) {
		this.authorize = authorize;
		this.registry = registry;
		this.properties = properties;
		this.clock = support.clock();
		this.json = support.json();
		this.requestIds = support.requestIds();
	}

	public Mono<ServerResponse> metrics(ServerRequest request) {
		Optional<MetricsFormat> format = MetricsFormat.of(request.queryParam("format").orElse(null),
				request.headers().firstHeader(HttpHeaders.ACCEPT));
		if (this.properties.unauthenticatedMetricsAccess()) {
			return render(format);
		}
		String token = NodeRequestHeaders.clientToken(request.headers().asHttpHeaders());
		if (token == null || token.isBlank()) {
			return Mono.error(new PermissionDeniedException());
		}
		String address = (String) request.attribute(ClientAddressFilter.ATTRIBUTE).orElse(null);
		AuthorizeRequest question = new AuthorizeRequest(token, PATH, "read", Map.of());
		return this.authorize.ask(question, address, this.requestIds.next())
			.flatMap((answer) -> (answer.status() != 200) ? relay(answer) : decided(answer, format));
	}

	private Mono<ServerResponse> decided(NodeAnswer answer, Optional<MetricsFormat> format) {
		AuthorizeDecision decision = this.json.readValue(answer.body(), AuthorizeDecision.class);
		if (!decision.allowed()) {
			return Mono.error(new PermissionDeniedException());
		}
		return render(format);
	}

	private Mono<ServerResponse> render(Optional<MetricsFormat> format) {
		if (format.isEmpty()) {
			return Mono.error(new InvalidRequestException(MetricsFormat.UNKNOWN));
		}
		if (format.get() == MetricsFormat.PROMETHEUS) {
			return ServerResponse.ok()
				.contentType(MediaType.parseMediaType(MetricsFormat.PROMETHEUS_CONTENT_TYPE))
				.bodyValue(this.registry.scrape());
		}
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.json.writeValueAsBytes(VaultMetricsJson.render(this.registry, this.clock.instant())));
	}

	private static Mono<ServerResponse> relay(NodeAnswer answer) {
		ServerResponse.BodyBuilder response = ServerResponse.status(answer.status())
			.headers((headers) -> headers.addAll(ForwardedHeaders.toClient(answer.headers())));
		return (answer.body().length == 0) ? response.build() : response.bodyValue(answer.body());
	}

	/** What the handler needs from the gateway's plumbing. */
	record Support(Clock clock, JsonMapper json, RequestIds requestIds) {
	}

}
