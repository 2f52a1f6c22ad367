package io.coffer.snapshot.target.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.coffer.snapshot.policy.S3Settings;
import io.coffer.snapshot.policy.S3Settings.S3Credentials;
import io.coffer.snapshot.policy.S3Settings.S3Encryption;
import io.coffer.snapshot.policy.SnapshotPolicy;
import io.coffer.snapshot.support.S3Server;
import io.coffer.snapshot.target.StoredSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link S3Target} against an in-process S3-compatible server with the real AWS SDK v2
 * client: a file larger than a part goes up as a multipart upload and comes back byte for
 * byte; retention touches only this configuration's objects; a failed upload leaves
 * neither an object nor an open upload, and its error names no secret.
 */
class S3TargetTest {

	private static final long PART = 5L * 1024 * 1024;

	private static final String BUCKET = "target-test";

	private static S3Client s3;

	@TempDir
	Path work;

	@BeforeAll
	static void bucket() {
		s3 = S3Server.client();
		s3.createBucket((request) -> request.bucket(BUCKET));
	}

	@AfterAll
	static void close() {
		s3.close();
	}

	@Test
	void aFileLargerThanAPartIsUploadedInPartsAndReadsBackIdentical() throws Exception {
		Path file = this.work.resolve("big.bin");
		byte[] content = new byte[(int) (2 * PART + 123_457)];
		new SecureRandom().nextBytes(content);
		Files.write(file, content);
		SnapshotPolicy policy = policy("big", "backups/big/", BUCKET, S3Server.SECRET_KEY);

		try (S3Target target = target(policy)) {
			target.store(file, 1_000L);
			assertThat(target.list()).extracting(StoredSnapshot::url)
				.containsExactly("s3://" + BUCKET + "/backups/big/vault-snapshot-1000.snap");
		}

		ResponseBytes<GetObjectResponse> object = s3
			.getObjectAsBytes((request) -> request.bucket(BUCKET).key("backups/big/vault-snapshot-1000.snap"));
		assertThat(sha256(object.asByteArray())).isEqualTo(sha256(content));
		assertThat(object.response().eTag()).as("a multipart object's ETag counts its parts").endsWith("-3\"");
		assertThat(s3.listMultipartUploads((request) -> request.bucket(BUCKET)).uploads()).isEmpty();
	}

	@Test
	void retentionDeletesOnlyTheOldestObjectsOfThisConfigurationsPattern() throws IOException {
		SnapshotPolicy policy = policy("keep", "keep", BUCKET, S3Server.SECRET_KEY);
		Path file = Files.writeString(this.work.resolve("small.snap"), "snapshot");
		for (String other : List.of("keep/vault-snapshot-notes.txt", "keep/other-1.snap",
				"keep/vault-snapshot-1.snap.bak", "keeper/vault-snapshot-1.snap")) {
			s3.putObject((request) -> request.bucket(BUCKET).key(other),
					software.amazon.awssdk.core.sync.RequestBody.fromString("not ours"));
		}
		try (S3Target target = target(policy)) {
			for (long stamp = 1; stamp <= 4; stamp++) {
				target.store(file, stamp);
			}
			target.rotate(2);
			assertThat(target.list()).extracting(StoredSnapshot::stamp).containsExactly(4L, 3L);
		}
		assertThat(s3.listObjectsV2((request) -> request.bucket(BUCKET).prefix("keep")).contents())
			.extracting((object) -> object.key())
			.containsExactlyInAnyOrder("keep/vault-snapshot-3.snap", "keep/vault-snapshot-4.snap",
					"keep/vault-snapshot-notes.txt", "keep/other-1.snap", "keep/vault-snapshot-1.snap.bak",
					"keeper/vault-snapshot-1.snap");
	}

	@Test
	void aFailedUploadLeavesNoObjectAndItsErrorNamesNoSecret() throws IOException {
		Path file = Files.writeString(this.work.resolve("small.snap"), "snapshot");
		String wrongSecret = "wrong-secret-Yp2v9Lm4";
		try (S3Target target = target(policy("denied", "denied", BUCKET, wrongSecret))) {
			assertThatThrownBy(() -> target.store(file, 7L)).isInstanceOf(IOException.class)
				.hasMessageContaining("s3://" + BUCKET + "/denied/vault-snapshot-7.snap")
				.hasMessageContaining("403")
				.satisfies((ex) -> assertThat(ex.toString()).doesNotContain(wrongSecret));
		}
		try (S3Target target = target(policy("nobucket", "p", "no-such-bucket", S3Server.SECRET_KEY))) {
			assertThatThrownBy(() -> target.store(file, 7L)).hasMessageContaining("NoSuchBucket");
		}
		assertThat(s3.listObjectsV2((request) -> request.bucket(BUCKET).prefix("denied")).contents()).isEmpty();
		assertThat(s3.listMultipartUploads((request) -> request.bucket(BUCKET)).uploads()).isEmpty();
	}

	@Test
	void aPartThatCannotBeReadAbortsTheUploadSoNoPartsOrObjectStay() throws IOException {
		// a directory has a size but cannot be read: the upload is created, then its
		// first part fails
		Path unreadable = Files.createDirectory(this.work.resolve("unreadable"));
		try (S3Target target = target(policy("aborted", "aborted", BUCKET, S3Server.SECRET_KEY))) {
			assertThatThrownBy(() -> target.store(unreadable, 9L)).isInstanceOf(IOException.class)
				.hasMessageContaining("s3://" + BUCKET + "/aborted/vault-snapshot-9.snap");
		}
		assertThat(s3.listMultipartUploads((request) -> request.bucket(BUCKET)).uploads()).isEmpty();
		assertThat(s3.listObjectsV2((request) -> request.bucket(BUCKET).prefix("aborted")).contents()).isEmpty();
	}

	@Test
	void withoutStaticKeysTheSdkDefaultCredentialChainIsUsed() throws IOException {
		Path file = Files.writeString(this.work.resolve("small.snap"), "snapshot");
		S3Settings settings = new S3Settings(BUCKET, S3Server.REGION, S3Server.endpoint().toString(), true,
				S3Credentials.DEFAULT_CHAIN, S3Encryption.NONE);
		SnapshotPolicy policy = new SnapshotPolicy("chain", 60, 1, "chain", "vault-snapshot", SnapshotPolicy.AWS_S3, 0,
				settings);
		// the chain's first link (system properties), so it never reaches for instance
		// metadata
		System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
		try (S3Target target = target(policy)) {
			target.store(file, 5L);
			assertThat(target.list()).extracting(StoredSnapshot::stamp).containsExactly(5L);
		}
		finally {
			System.clearProperty("aws.accessKeyId");
			System.clearProperty("aws.secretAccessKey");
		}
	}

	private S3Target target(SnapshotPolicy policy) throws IOException {
		return new S3Target(policy, new S3Clients(Duration.ofSeconds(2), Duration.ofSeconds(10)).open(policy.s3()),
				PART, this.work);
	}

	private static SnapshotPolicy policy(String name, String prefix, String bucket, String secret) {
		S3Settings settings = new S3Settings(bucket, S3Server.REGION, S3Server.endpoint().toString(), true,
				new S3Credentials(S3Server.ACCESS_KEY, secret, ""), S3Encryption.NONE);
		return new SnapshotPolicy(name, 60, 1, prefix, "vault-snapshot", SnapshotPolicy.AWS_S3, 0, settings);
	}

	private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
