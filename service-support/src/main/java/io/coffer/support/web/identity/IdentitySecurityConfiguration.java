package io.coffer.support.web.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentityVerifier;
import io.coffer.support.identity.TrustedCaller;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.HeaderBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Every call to a Coffer servlet service must carry a signed internal identity
 * ({@link InternalIdentity#HEADER}) of a caller the service lists
 * ({@code coffer.identity.callers}), on a path that caller may call, except the
 * {@link OpenEndpoints}. Two chains: the open endpoints never look at an identity (a
 * health probe works even while keys are being rotated wrongly), everything else is a
 * stateless OAuth2 resource server whose bearer token is read from that header, never
 * from {@code Authorization} (which carries clients' Vault tokens), and whose
 * authorization is the callers' allow-lists ({@link CallerPaths}).
 * <p>
 * Only for a servlet web application: a context without a web server has no requests to
 * check (and Spring Security's web chain cannot be built there), and the reactive gateway
 * is a caller, not a receiver. Before Spring Boot's security auto-configurations, which
 * would otherwise add their default chain and user.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = { "org.springframework.security.web.SecurityFilterChain",
		"org.springframework.security.oauth2.server.resource.web.HeaderBearerTokenResolver" })
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentitySecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(IdentitySecurityConfiguration.class);

	/**
	 * Vault's verbs: LIST and RECOVER (single-item recovery from a loaded snapshot, Vault
	 * 1.21) are Vault's own and must pass Spring Security's firewall.
	 */
	private static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "PATCH", "OPTIONS",
			"LIST", "RECOVER");

	@Bean
	JwtDecoder internalIdentityDecoder(IdentityProperties properties, ObjectProvider<Clock> clock) {
		if (properties.callers().isEmpty()) {
			throw new IllegalStateException("coffer.identity.callers must list the services allowed to call this one, "
					+ "each with its public key (PEM) and paths; see docs/identity.md");
		}
		List<TrustedCaller> callers = new ArrayList<>();
		properties.callers().forEach((name, caller) -> {
			if (caller.keys().isEmpty()) {
				throw new IllegalStateException("coffer.identity.callers." + name
						+ ".keys must name the caller's public key (PEM); see docs/identity.md");
			}
			List<ECPublicKey> keys = caller.keys().stream().map(IdentitySecurityConfiguration::read).toList();
			logger.info("Accepting caller '{}' (key id(s) {}) on {}", name,
					keys.stream().map(IdentityKeyFiles::keyId).toList(), caller.paths());
			callers.add(new TrustedCaller(name, keys));
		});
		return IdentityVerifier.decoder(callers, properties.audience(), clock.getIfAvailable(Clock::systemUTC),
				properties.clockSkew());
	}

	@Bean
	@Order(1)
	SecurityFilterChain openEndpointsChain(HttpSecurity http) throws Exception {
		return stateless(http).securityMatcher(OpenEndpoints.matcher())
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain internalIdentityChain(HttpSecurity http, JwtDecoder internalIdentityDecoder,
			IdentityProperties properties) throws Exception {
		IdentityRefusal refusal = new IdentityRefusal();
		Map<String, List<String>> paths = new LinkedHashMap<>();
		properties.callers().forEach((name, caller) -> paths.put(name, caller.paths()));
		CallerPaths allowLists = new CallerPaths(paths);
		return stateless(http).authorizeHttpRequests((requests) -> requests
			// An error dispatch belongs to a request that was already let in (or
			// refused).
			.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.anyRequest()
			.access(allowLists))
			.oauth2ResourceServer(
					(server) -> server.bearerTokenResolver(new HeaderBearerTokenResolver(InternalIdentity.HEADER))
						.jwt((jwt) -> jwt.decoder(internalIdentityDecoder))
						.authenticationEntryPoint(refusal)
						.accessDeniedHandler(refusal))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(refusal).accessDeniedHandler(refusal))
			.build();
	}

	/**
	 * Vault's paths must reach the controllers as before: its {@code LIST} verb, and keys
	 * containing {@code %} or {@code ;} (both are ordinary characters in Vault key
	 * names). The open endpoints are exact paths served by dedicated controllers, so
	 * these characters cannot make a protected path look open.
	 */
	@Bean
	WebSecurityCustomizer vaultPathsFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHttpMethods(METHODS);
		firewall.setAllowUrlEncodedPercent(true);
		firewall.setAllowSemicolon(true);
		return (web) -> web.httpFirewall(firewall);
	}

	/**
	 * No session, no CSRF token (no browser and no cookie is involved), no login page or
	 * basic auth, and no extra response headers: responses stay exactly Vault's.
	 */
	private static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.headers((headers) -> headers.disable());
	}

	private static ECPublicKey read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("identity verification key " + file.toAbsolutePath()
					+ " does not exist; give each service its callers' public keys (docs/identity.md)");
		}
		return IdentityKeyFiles.readPublicKey(file);
	}

}
