package io.coffer.gateway.tls;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * HTTPS on the gateway's public listener from PEM files, as Vault's listener
 * {@code tls_cert_file} / {@code tls_key_file}: when {@code coffer.gateway.tls.cert-file}
 * is set, the listener serves only HTTPS with that certificate (chain) and key, through a
 * Spring Boot SSL bundle named {@value #BUNDLE} that is <b>reloaded when either file
 * changes</b> (after Boot's quiet period,
 * {@code spring.ssl.bundle.watch.file.quiet-period}, 10 s by default), so a renewed
 * certificate is served without a restart. The rest:
 * <ul>
 * <li>{@code coffer.gateway.tls.min-version}: Vault's {@code tls_min_version},
 * {@code tls12} (default) or {@code tls13};</li>
 * <li>{@code coffer.gateway.tls.client-ca-file}: Vault's {@code tls_client_ca_file},
 * client certificates signed by it are asked for; with
 * {@code coffer.gateway.tls.require-client-cert} (Vault's
 * {@code tls_require_and_verify_client_cert}) a client without one cannot connect.</li>
 * </ul>
 * Unset (the default, and {@code deploy/local/run.sh} unless asked), the listener stays
 * plain HTTP. The management port (actuator) is not affected. The settings become Boot's
 * own properties at the lowest precedence, so an operator who configures
 * {@code server.ssl.*} directly keeps control.
 */
public class ListenerTls implements EnvironmentPostProcessor, Ordered {

	/** The name of the SSL bundle the public listener serves. */
	public static final String BUNDLE = "coffer-listener";

	static final String PREFIX = "coffer.gateway.tls.";

	static final String SOURCE = "coffer-gateway-listener-tls";

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = properties(environment);
		if (!properties.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
		}
	}

	/**
	 * Boot's properties for the listener's TLS, or none when TLS is not configured.
	 * @throws IllegalStateException when the settings are incomplete or unknown (the
	 * gateway does not start half-configured)
	 */
	static Map<String, Object> properties(PropertyResolver settings) {
		String cert = setting(settings, "cert-file");
		String key = setting(settings, "key-file");
		String clientCa = setting(settings, "client-ca-file");
		boolean requireClientCert = Boolean.parseBoolean(setting(settings, "require-client-cert"));
		if (cert == null) {
			if (key != null || clientCa != null || requireClientCert) {
				throw new IllegalStateException(PREFIX + "cert-file is required when the listener's TLS is configured");
			}
			return Map.of();
		}
		if (key == null) {
			throw new IllegalStateException(PREFIX + "key-file is required with " + PREFIX + "cert-file");
		}
		if (requireClientCert && clientCa == null) {
			throw new IllegalStateException(
					PREFIX + "client-ca-file is required with " + PREFIX + "require-client-cert");
		}
		String bundle = "spring.ssl.bundle.pem." + BUNDLE + ".";
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.ssl.bundle", BUNDLE);
		properties.put(bundle + "reload-on-update", "true");
		properties.put(bundle + "keystore.certificate", location(cert));
		properties.put(bundle + "keystore.private-key", location(key));
		String keyPassword = setting(settings, "key-password");
		if (keyPassword != null) {
			properties.put(bundle + "keystore.private-key-password", keyPassword);
		}
		properties.put(bundle + "options.enabled-protocols", protocols(setting(settings, "min-version")));
		if (clientCa != null) {
			properties.put(bundle + "truststore.certificate", location(clientCa));
			properties.put("server.ssl.client-auth", requireClientCert ? "need" : "want");
		}
		return properties;
	}

	private static String protocols(String minVersion) {
		String version = (minVersion != null) ? minVersion.toLowerCase(Locale.ROOT) : "tls12";
		return switch (version) {
			case "tls12" -> "TLSv1.3,TLSv1.2";
			case "tls13" -> "TLSv1.3";
			default -> throw new IllegalStateException(
					PREFIX + "min-version must be tls12 or tls13 (TLS 1.0 and 1.1 are not offered)");
		};
	}

	/** A plain path is a file (Boot would otherwise look for it on the class path). */
	private static String location(String path) {
		return (path.startsWith("file:") || path.startsWith("classpath:")) ? path : "file:" + path;
	}

	private static String setting(PropertyResolver settings, String name) {
		String value = settings.getProperty(PREFIX + name);
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
