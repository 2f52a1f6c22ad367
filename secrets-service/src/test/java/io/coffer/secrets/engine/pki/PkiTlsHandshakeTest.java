package io.coffer.secrets.engine.pki;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Certificates the engine issues work for mutual TLS between two JDK sockets: the server
 * certificate (for 127.0.0.1) and the client certificate both chain to the mount's root.
 */
class PkiTlsHandshakeTest {

	private static final char[] PASSWORD = "changeit".toCharArray();

	@Test
	void twoJdkSocketsHandshakeWithIssuedCertificates() throws Exception {
		PkiFixture pki = rootNow();
		SSLContext server = context(pki, "server", "localhost", pki.ca());
		SSLContext client = context(pki, "client", "app.client.test", pki.ca());

		assertThat(exchange(server, client)).isEqualTo("CN=app.client.test");
	}

	@Test
	void aClientTrustingAnotherCaRefusesTheServer() throws Exception {
		PkiFixture pki = rootNow();
		PkiFixture other = rootNow();
		SSLContext server = context(pki, "server", "localhost", pki.ca());
		SSLContext client = context(other, "client", "app.client.test", other.ca());

		assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> exchange(server, client));
	}

	/** A root valid now (the JDK checks validity against the real clock). */
	private static PkiFixture rootNow() {
		PkiFixture pki = new PkiFixture();
		pki.clock.set(Instant.now());
		pki.root();
		pki.write("roles/server", "allowed_domains", "localhost", "allow_bare_domains", true, "key_type", "ec",
				"client_flag", false);
		pki.write("roles/client", "allowed_domains", "client.test", "allow_subdomains", true, "key_type", "ec",
				"server_flag", false);
		return pki;
	}

	private static SSLContext context(PkiFixture pki, String role, String cn, X509Certificate ca) throws Exception {
		Map<String, Object> issued = pki
			.write("issue/" + role, "common_name", cn, "ip_sans", "127.0.0.1", "ttl", "1h", "format", "der",
					"private_key_format", "pkcs8")
			.data();
		PrivateKey key = KeyFactory.getInstance("EC")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode((String) issued.get("private_key"))));
		X509Certificate leaf = PkiFixture.certificate(Base64.getDecoder().decode((String) issued.get("certificate")));
		KeyStore keys = KeyStore.getInstance("PKCS12");
		keys.load(null, null);
		keys.setKeyEntry("key", key, PASSWORD, new X509Certificate[] { leaf, ca });
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", ca);
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, PASSWORD);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLSv1.3");
		context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		return context;
	}

	/**
	 * One byte each way over mutual TLS; answers the client's subject as the server saw
	 * it.
	 */
	private static String exchange(SSLContext server, SSLContext client) throws Exception {
		try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
			.createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			listener.setNeedClientAuth(true);
			listener.setSoTimeout(20_000);
			CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
				try (SSLSocket socket = (SSLSocket) listener.accept()) {
					socket.setSoTimeout(20_000);
					InputStream in = socket.getInputStream();
					int read = in.read();
					socket.getOutputStream().write(read);
					socket.getOutputStream().flush();
					return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
						.getName();
				}
				catch (Exception ex) {
					return "server failed: " + ex.getClass().getSimpleName();
				}
			});
			try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
				.createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
				socket.setSoTimeout(20_000);
				javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				socket.setSSLParameters(parameters);
				OutputStream out = socket.getOutputStream();
				out.write(42);
				out.flush();
				assertThat(socket.getInputStream().read()).isEqualTo(42);
			}
			return accepted.get(30, TimeUnit.SECONDS);
		}
	}

}
