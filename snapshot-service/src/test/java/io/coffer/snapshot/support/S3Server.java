package io.coffer.snapshot.support;

import java.net.URI;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server in this JVM for tests (S3Proxy over jclouds' in-memory
 * {@code transient} blobstore), on 127.0.0.1 and a free port, checking AWS signatures
 * against one key pair. Started once, before any Spring context (S3Proxy's JUnit
 * extension is per test).
 */
public final class S3Server {

	public static final String ACCESS_KEY = "coffer-test-access";

	public static final String SECRET_KEY = "coffer-test-secret-Zq8w3Kx1";

	public static final String REGION = "us-east-1";

	private static final S3Proxy PROXY = start();

	private S3Server() {
	}

	public static URI endpoint() {
		return URI.create("http://127.0.0.1:" + PROXY.getPort());
	}

	/**
	 * A client of the real AWS SDK v2 with the server's keys (path-style; checksums only
	 * where required, as snapshot-service's own client against a custom endpoint).
	 */
	public static S3Client client() {
		return S3Client.builder()
			.endpointOverride(endpoint())
			.region(Region.of(REGION))
			.forcePathStyle(true)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
			.httpClientBuilder(ApacheHttpClient.builder())
			.build();
	}

	private static S3Proxy start() {
		BlobStoreContext context = ContextBuilder.newBuilder("transient")
			.credentials("identity", "credential")
			.build(BlobStoreContext.class);
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(context.getBlobStore())
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
			.build();
		try {
			proxy.start();
			while (!"STARTED".equals(proxy.getState())) {
				Thread.onSpinWait();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("S3Proxy did not start", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				proxy.stop();
			}
			catch (Exception ex) {
				// the JVM is going away
			}
		}));
		return proxy;
	}

}
