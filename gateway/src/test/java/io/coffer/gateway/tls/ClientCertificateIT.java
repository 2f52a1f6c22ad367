package io.coffer.gateway.tls;

import java.io.IOException;
import java.nio.file.Path;

import io.coffer.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Vault's {@code tls_require_and_verify_client_cert}: with
 * {@code coffer.gateway.tls.require-client-cert} only a client presenting a certificate
 * from {@code client-ca-file} gets through.
 */
@TestPropertySource(properties = { "coffer.gateway.tls.cert-file=target/test-tls/ClientCertificateIT/cert.pem",
		"coffer.gateway.tls.key-file=target/test-tls/ClientCertificateIT/key.pem",
		"coffer.gateway.tls.client-ca-file=target/test-tls/ClientCertificateIT/ca.pem",
		"coffer.gateway.tls.require-client-cert=true" })
class ClientCertificateIT extends GatewayIntegrationTest {

	/** Written before the context starts (class initialization). */
	private static final Path FILES = TlsFixtures.listenerFiles("ClientCertificateIT", "server-a");

	@Test
	void aClientWithACertificateFromTheCaGetsThrough() throws Exception {
		assertThat(TlsFixtures.get(TlsFixtures.context("client"), this.port, "/v1/secret/data/mtls").statusCode())
			.isEqualTo(200);
	}

	@Test
	void aClientWithoutACertificateIsRefused() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> TlsFixtures.get(TlsFixtures.context(null), this.port, "/v1/secret/data/mtls"));
		assertThat(this.cluster.a.received("/v1/secret/data/mtls")).isEmpty();
	}

}
