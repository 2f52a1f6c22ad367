package io.coffer.gateway.tls;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import io.coffer.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The public listener with {@code coffer.gateway.tls.*} set: HTTPS only, the certificate
 * from PEM files (served again after the files change, without a restart), TLS 1.3 only
 * when asked.
 */
@TestPropertySource(properties = { "coffer.gateway.tls.cert-file=target/test-tls/ListenerTlsIT/cert.pem",
		"coffer.gateway.tls.key-file=target/test-tls/ListenerTlsIT/key.pem", "coffer.gateway.tls.min-version=tls13",
		"spring.ssl.bundle.watch.file.quiet-period=200ms" })
class ListenerTlsIT extends GatewayIntegrationTest {

	private static final Path FILES = TlsFixtures.listenerFiles("ListenerTlsIT", "server-a");

	@Test
	void aClientTrustingTheCaReachesTheClusterOverHttps() throws Exception {
		HttpResponse<String> read = TlsFixtures.get(TlsFixtures.context(null), this.port, "/v1/secret/data/tls");

		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(this.cluster.a.received("/v1/secret/data/tls")).hasSize(1);
	}

	@Test
	void plainHttpIsNotServed() throws Exception {
		assertThat(TlsFixtures.plainHttp(this.port)).doesNotStartWith("HTTP/");
	}

	@Test
	void belowTheMinimumVersionTheHandshakeFails() throws Exception {
		assertThat(TlsFixtures.servedName(this.port, "TLSv1.3")).isEqualTo("server-a");
		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> TlsFixtures.servedName(this.port, "TLSv1.2"));
	}

	@Test
	void aRenewedCertificateIsServedWithoutARestart() throws Exception {
		try {
			TlsFixtures.install(FILES, "server-b");

			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(TlsFixtures.servedName(this.port)).isEqualTo("server-b"));
			assertThat(TlsFixtures.get(TlsFixtures.context(null), this.port, "/v1/sys/health").statusCode())
				.isEqualTo(200);
		}
		finally {
			TlsFixtures.install(FILES, "server-a");
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(TlsFixtures.servedName(this.port)).isEqualTo("server-a"));
		}
	}

}
