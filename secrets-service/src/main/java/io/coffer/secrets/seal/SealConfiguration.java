package io.coffer.secrets.seal;

import java.net.http.HttpClient;
import java.time.Duration;

import io.coffer.secrets.seal.awskms.AwsKmsSeal;
import io.coffer.secrets.seal.transit.TransitSeal;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the seal named by {@code coffer.seal.type}. A missing setting fails the start
 * with the property to set, rather than leaving a node that can never unseal.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SealProperties.class)
public class SealConfiguration {

	@Bean
	ConfiguredSeal configuredSeal(SealProperties properties) {
		return switch (properties.type()) {
			case ConfiguredSeal.SHAMIR -> ConfiguredSeal.shamir();
			case "awskms" -> ConfiguredSeal.auto(awsKms(properties.awskms()));
			case "transit" -> ConfiguredSeal.auto(transit(properties.transit()));
			default -> throw new IllegalStateException(
					"coffer.seal.type must be shamir, awskms or transit, not '" + properties.type() + "'");
		};
	}

	private static AwsKmsSeal awsKms(SealProperties.AwsKms settings) {
		if (settings == null || blank(settings.region()) || blank(settings.kmsKeyId())) {
			throw new IllegalStateException(
					"coffer.seal.type=awskms needs coffer.seal.awskms.region and coffer.seal.awskms.kms-key-id");
		}
		KmsClientBuilder builder = KmsClient.builder()
			.region(Region.of(settings.region()))
			.credentialsProvider(DefaultCredentialsProvider.builder().build())
			.overrideConfiguration((config) -> config.apiCallTimeout(Duration.ofSeconds(10)));
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		return new AwsKmsSeal(builder.build(), settings.kmsKeyId());
	}

	private static TransitSeal transit(SealProperties.Transit settings) {
		if (settings == null || settings.address() == null || blank(settings.token()) || blank(settings.keyName())) {
			throw new IllegalStateException("coffer.seal.type=transit needs coffer.seal.transit.address, "
					+ "coffer.seal.transit.token and coffer.seal.transit.key-name");
		}
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		return new TransitSeal(http, settings);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
