package io.coffer.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.boot.ssl.pem.PemContent;

/**
 * The test CA and certificates under {@code src/test/resources/tls} (see its README), and
 * JDK clients that trust only that CA, as a Vault client with {@code VAULT_CACERT} does.
 */
final class TlsFixtures {

	private TlsFixtures() {
	}

	/**
	 * {@code target/test-tls/<name>} holding {@code cert.pem}/{@code key.pem} copied from
	 * a fixture and {@code ca.pem}: a fixed place, because the settings must be in the
	 * environment before the gateway's environment post-processor runs
	 * ({@code @TestPropertySource}, not {@code @DynamicPropertySource}).
	 */
	static Path listenerFiles(String name, String server) {
		Path dir = Path.of("target", "test-tls", name);
		try {
			Files.createDirectories(dir);
			install(dir, server);
			Files.copy(resource("ca.pem"), dir.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return dir;
	}

	/**
	 * Replaces the listener's files with another fixture's, as a certificate renewal
	 * does.
	 */
	static void install(Path dir, String server) throws IOException {
		Files.copy(resource(server + ".key"), dir.resolve("key.pem.new"), StandardCopyOption.REPLACE_EXISTING);
		Files.copy(resource(server + ".pem"), dir.resolve("cert.pem.new"), StandardCopyOption.REPLACE_EXISTING);
		Files.move(dir.resolve("key.pem.new"), dir.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		Files.move(dir.resolve("cert.pem.new"), dir.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	/** A context trusting the test CA, presenting {@code client} when not null. */
	static SSLContext context(String client) throws IOException, GeneralSecurityException {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", certificate("ca.pem"));
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		KeyManagerFactory keyManagers = null;
		if (client != null) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			PrivateKey key = PemContent.of(read(client + ".key")).getPrivateKey();
			keys.setKeyEntry("client", key, new char[0], new Certificate[] { certificate(client + ".pem") });
			keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, new char[0]);
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
				null);
		return context;
	}

	/** {@code GET https://127.0.0.1:<port><path>} through the JDK's HTTP client. */
	static HttpResponse<String> get(SSLContext context, int port, String path)
			throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newBuilder()
			.sslContext(context)
			.connectTimeout(Duration.ofSeconds(5))
			.build()) {
			return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(15))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	/** The common name of the certificate the listener presents. */
	static String servedName(int port, String... protocols) throws IOException, GeneralSecurityException {
		try (SSLSocket socket = (SSLSocket) context(null).getSocketFactory().createSocket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			if (protocols.length > 0) {
				socket.setEnabledProtocols(protocols);
			}
			socket.startHandshake();
			X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
			return served.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
		}
	}

	/**
	 * Sends a plain HTTP request to the port; returns what came back (possibly nothing).
	 */
	static String plainHttp(int port) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write("GET /v1/sys/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes());
			return new String(socket.getInputStream().readNBytes(64));
		}
	}

	private static X509Certificate certificate(String name) throws IOException, GeneralSecurityException {
		try (InputStream in = Files.newInputStream(resource(name))) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	private static String read(String name) throws IOException {
		return Files.readString(resource(name));
	}

	private static Path resource(String name) {
		return Path.of("src", "test", "resources", "tls", name);
	}

}
