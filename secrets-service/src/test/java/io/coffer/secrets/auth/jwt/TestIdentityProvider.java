package io.coffer.secrets.auth.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A small identity provider for tests: RSA and EC keys made here, JWTs signed with
 * Nimbus, and an in-process HTTP server on the loopback address serving the current JWKS
 * ({@code /jwks}) and an OIDC discovery document
 * ({@code /.well-known/openid-configuration}) naming {@link #issuer()}.
 */
public final class TestIdentityProvider implements AutoCloseable {

	private final HttpServer server;

	private final String scheme;

	/** The PEM certificate of an HTTPS provider, empty for HTTP. */
	private final String certificatePem;

	private volatile List<JWK> published = List.of();

	private volatile String discoveredIssuer;

	final AtomicInteger jwksFetches = new AtomicInteger();

	TestIdentityProvider() throws IOException {
		this(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http", "");
	}

	/**
	 * A provider served over HTTPS with a self-signed certificate for 127.0.0.1, made by
	 * the JDK's {@code keytool} in {@code dir}.
	 */
	static TestIdentityProvider https(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
		Path store = dir.resolve("idp.p12");
		keytool("-genkeypair", "-alias", "idp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
				"-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
				"-storepass", "changeit");
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keys.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, "changeit".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(context));
		String pem = "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(keys.getCertificate("idp").getEncoded())
				+ "\n-----END CERTIFICATE-----\n";
		return new TestIdentityProvider(server, "https", pem);
	}

	private TestIdentityProvider(HttpServer server, String scheme, String certificatePem) {
		this.server = server;
		this.scheme = scheme;
		this.certificatePem = certificatePem;
		this.server.createContext("/jwks", (exchange) -> {
			this.jwksFetches.incrementAndGet();
			respond(exchange, new JWKSet(this.published).toString(true));
		});
		this.server.createContext("/.well-known/openid-configuration",
				(exchange) -> respond(exchange, "{\"issuer\":\"" + this.discoveredIssuer + "\",\"jwks_uri\":\""
						+ jwksUrl() + "\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
		this.server.start();
		this.discoveredIssuer = issuer();
	}

	String issuer() {
		return this.scheme + "://127.0.0.1:" + this.server.getAddress().getPort();
	}

	String jwksUrl() {
		return issuer() + "/jwks";
	}

	String certificatePem() {
		return this.certificatePem;
	}

	/** The issuer the discovery document names (by default its own URL). */
	void discoveryNamesIssuer(String issuer) {
		this.discoveredIssuer = issuer;
	}

	/** Replaces the served JWKS with these keys' public halves. */
	void publish(JWK... keys) {
		this.published = List.of(keys).stream().map(JWK::toPublicJWK).toList();
	}

	public static RSAKey rsaKey(String kid) {
		KeyPair pair = generate("RSA", null);
		return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(kid)
			.build();
	}

	public static ECKey ecKey(String kid) {
		KeyPair pair = generate("EC", new ECGenParameterSpec("secp256r1"));
		return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
			.privateKey((ECPrivateKey) pair.getPrivate())
			.keyID(kid)
			.build();
	}

	public static String pem(PublicKey key) {
		return "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
	}

	/**
	 * A JWT signed with {@code key} (RS256 for RSA, ES256 for EC), issued at {@code now}
	 * and valid for an hour, with the given claims on top.
	 */
	public static String sign(JWK key, Instant now, Consumer<JWTClaimsSet.Builder> claims) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(3600)));
		claims.accept(builder);
		try {
			if (key instanceof RSAKey rsa) {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(),
						builder.build());
				jwt.sign(new RSASSASigner(rsa));
				return jwt.serialize();
			}
			ECKey ec = (ECKey) key;
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(),
					builder.build());
			jwt.sign(new ECDSASigner(ec));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
			if (spec != null) {
				generator.initialize(spec);
			}
			else {
				generator.initialize(2048);
			}
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException | java.security.InvalidAlgorithmParameterException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void keytool(String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
	}

	private static void respond(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
