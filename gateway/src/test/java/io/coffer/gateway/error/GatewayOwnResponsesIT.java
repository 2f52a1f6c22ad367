package io.coffer.gateway.error;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.coffer.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayOwnResponsesIT extends GatewayIntegrationTest {

	@LocalManagementPort
	private int managementPort;

	private static final int MIB = 1024 * 1024;

	@Test
	void declaredOversizeBodyIsRefusedBeforeReading() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("PUT /v1/secret/data/big HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + (32L * MIB + 1) + "\r\n\r\n{")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = readHead(socket.getInputStream());

			assertThat(response).startsWith("HTTP/1.1 413")
				.containsIgnoringCase("cache-control: no-store")
				.contains("{\"errors\":[\"http: request body too large\"]}");
		}
		assertThat(this.cluster.a.received("/v1/secret/data/big")).isEmpty();
	}

	@Test
	void streamedOversizeBodyIsRefused() {
		Flux<DataBuffer> chunks = Flux.range(0, 33)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[MIB]));

		this.client.put()
			.uri("/v1/secret/data/big")
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.json("{\"errors\":[\"http: request body too large\"]}", true);

		assertThat(this.cluster.a.received("/v1/secret/data/big")).isEmpty();
	}

	@Test
	void bodyOfExactlyTheLimitIsForwarded() {
		this.client.put()
			.uri("/v1/secret/data/limit")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[32 * MIB])
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.body_length")
			.isEqualTo(32 * MIB);
	}

	@Test
	void pathOutsideVaultApiIsVault404() {
		this.client.get()
			.uri("/nowhere")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.json("{\"errors\":[]}", true);
	}

	@Test
	void publicListenerServesProbesButNoActuator() {
		this.client.get()
			.uri("/readyz")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.client.get().uri("/livez").exchange().expectStatus().isOk();
		for (String path : new String[] { "/actuator/prometheus", "/actuator/health", "/actuator" }) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody()
				.json("{\"errors\":[]}", true);
		}
	}

	@Test
	void actuatorHealthAndPrometheusAreOnTheManagementPort() {
		WebTestClient management = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			.build();
		assertThat(this.managementPort).isNotEqualTo(this.port);
		management.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("resilience4j_retry_calls"));
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder text = new StringBuilder();
		byte[] buffer = new byte[4096];
		int read;
		while (!text.toString().contains("]}") && (read = in.read(buffer)) > 0) {
			text.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
		}
		return text.toString();
	}

}
