package io.coffer.snapshot.target.s3;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import io.coffer.snapshot.policy.S3Settings;
import io.coffer.snapshot.policy.S3Settings.S3Credentials;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The synchronous S3 client of one configuration, over the Apache HTTP client: its static
 * keys or, without them, the SDK's default credential chain (environment, system
 * properties, web identity, profile, container and instance credentials); its region or
 * the SDK's default region chain, else {@code us-east-1}; its endpoint and path style. On
 * AWS every part carries a CRC32 checksum; against another endpoint only what the
 * operation requires.
 */
public final class S3Clients {

	private static final Region FALLBACK_REGION = Region.US_EAST_1;

	private final Duration connectTimeout;

	private final Duration socketTimeout;

	public S3Clients(Duration connectTimeout, Duration socketTimeout) {
		this.connectTimeout = connectTimeout;
		this.socketTimeout = socketTimeout;
	}

	/**
	 * A client and the credentials provider it was made with (the client does not close a
	 * provider it was given).
	 */
	public record Connection(S3Client client, AwsCredentialsProvider credentials) implements AutoCloseable {

		@Override
		public void close() {
			this.client.close();
			if (this.credentials instanceof SdkAutoCloseable closeable) {
				closeable.close();
			}
		}

	}

	/**
	 * @throws IOException when no client can be made
	 */
	public Connection open(S3Settings s3) throws IOException {
		AwsCredentialsProvider credentials = credentials(s3.credentials());
		try {
			var builder = S3Client.builder()
				.region(region(s3))
				.credentialsProvider(credentials)
				.forcePathStyle(s3.forcePathStyle())
				.httpClientBuilder(ApacheHttpClient.builder()
					.connectionTimeout(this.connectTimeout)
					.socketTimeout(this.socketTimeout));
			if (!s3.endpoint().isEmpty()) {
				// S3-compatible servers often refuse the SDK's streamed trailing
				// checksums
				// (aws-chunked with x-amz-checksum-crc32 trailers), so against one the
				// SDK
				// adds checksums only where an operation requires them; over plain http
				// the
				// payload is still signed, over https TLS protects it
				builder.endpointOverride(URI.create(s3.endpoint()))
					.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
					.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
			}
			return new Connection(builder.build(), credentials);
		}
		catch (SdkException ex) {
			if (credentials instanceof SdkAutoCloseable closeable) {
				closeable.close();
			}
			throw S3Errors.describe("setting up the S3 client", ex, s3);
		}
	}

	private static Region region(S3Settings s3) {
		if (!s3.region().isEmpty()) {
			return Region.of(s3.region());
		}
		try {
			return new DefaultAwsRegionProviderChain().getRegion();
		}
		catch (SdkException ex) {
			return FALLBACK_REGION;
		}
	}

	private static AwsCredentialsProvider credentials(S3Credentials credentials) {
		if (!credentials.isStatic()) {
			return DefaultCredentialsProvider.builder().build();
		}
		return StaticCredentialsProvider.create(credentials.sessionToken().isEmpty()
				? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
				: AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
						credentials.sessionToken()));
	}

}
