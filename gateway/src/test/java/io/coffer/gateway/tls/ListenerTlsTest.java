package io.coffer.gateway.tls;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ListenerTlsTest {

	@Test
	void withoutACertificateTheListenerStaysPlainHttp() {
		assertThat(ListenerTls.properties(new MockEnvironment())).isEmpty();
	}

	@Test
	void certificateAndKeyBecomeAReloadedBundleServedByTheListener() {
		Map<String, Object> properties = ListenerTls
			.properties(new MockEnvironment().withProperty("coffer.gateway.tls.cert-file", "/etc/coffer/tls/cert.pem")
				.withProperty("coffer.gateway.tls.key-file", "/etc/coffer/tls/key.pem"));

		assertThat(properties).containsEntry("server.ssl.bundle", "coffer-listener")
			.containsEntry("spring.ssl.bundle.pem.coffer-listener.reload-on-update", "true")
			.containsEntry("spring.ssl.bundle.pem.coffer-listener.keystore.certificate",
					"file:/etc/coffer/tls/cert.pem")
			.containsEntry("spring.ssl.bundle.pem.coffer-listener.keystore.private-key", "file:/etc/coffer/tls/key.pem")
			.containsEntry("spring.ssl.bundle.pem.coffer-listener.options.enabled-protocols", "TLSv1.3,TLSv1.2")
			.doesNotContainKey("server.ssl.client-auth");
	}

	@Test
	void aClientCaAsksForClientCertificatesAndRequiringThemMakesThemMandatory() {
		MockEnvironment settings = new MockEnvironment().withProperty("coffer.gateway.tls.cert-file", "c.pem")
			.withProperty("coffer.gateway.tls.key-file", "k.pem")
			.withProperty("coffer.gateway.tls.client-ca-file", "ca.pem");

		assertThat(ListenerTls.properties(settings)).containsEntry("server.ssl.client-auth", "want")
			.containsEntry("spring.ssl.bundle.pem.coffer-listener.truststore.certificate", "file:ca.pem");
		settings.setProperty("coffer.gateway.tls.require-client-cert", "true");
		assertThat(ListenerTls.properties(settings)).containsEntry("server.ssl.client-auth", "need");
	}

	@Test
	void incompleteOrUnknownSettingsStopTheGatewayWithTheSettingNamed() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ListenerTls
				.properties(new MockEnvironment().withProperty("coffer.gateway.tls.cert-file", "c.pem")))
			.withMessage("coffer.gateway.tls.key-file is required with coffer.gateway.tls.cert-file");
		assertThatIllegalStateException()
			.isThrownBy(() -> ListenerTls
				.properties(new MockEnvironment().withProperty("coffer.gateway.tls.key-file", "k.pem")))
			.withMessageContaining("coffer.gateway.tls.cert-file is required");
		assertThatIllegalStateException()
			.isThrownBy(() -> ListenerTls
				.properties(new MockEnvironment().withProperty("coffer.gateway.tls.cert-file", "c.pem")
					.withProperty("coffer.gateway.tls.key-file", "k.pem")
					.withProperty("coffer.gateway.tls.min-version", "tls10")))
			.withMessageContaining("min-version must be tls12 or tls13");
		assertThatIllegalStateException()
			.isThrownBy(() -> ListenerTls
				.properties(new MockEnvironment().withProperty("coffer.gateway.tls.cert-file", "c.pem")
					.withProperty("coffer.gateway.tls.key-file", "k.pem")
					.withProperty("coffer.gateway.tls.require-client-cert", "true")))
			.withMessageContaining("client-ca-file is required");
	}

}
