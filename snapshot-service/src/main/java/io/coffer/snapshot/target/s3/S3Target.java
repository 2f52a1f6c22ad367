package io.coffer.snapshot.target.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.coffer.snapshot.policy.S3Settings;
import io.coffer.snapshot.policy.SnapshotPolicy;
import io.coffer.snapshot.target.SnapshotTarget;
import io.coffer.snapshot.target.StoredSnapshot;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Storage type {@code aws-s3}: snapshots as objects
 * {@code <path_prefix>/<file_prefix>-<unix nanoseconds>.snap} in {@code aws_s3_bucket}. A
 * snapshot is received into a private temporary file on this instance, verified by the
 * caller, and only then uploaded ({@link MultipartUpload}: bounded parts, aborted on any
 * failure), so an object under a final name is always a whole verified snapshot.
 * Retention lists the prefix and deletes the oldest objects of this configuration's
 * pattern only.
 */
public final class S3Target implements SnapshotTarget {

	private static final int BUFFER = 64 * 1024;

	private final SnapshotPolicy policy;

	private final S3Settings s3;

	private final S3Clients.Connection connection;

	private final S3Client client;

	private final long partSize;

	private final Path workDir;

	/**
	 * @param connection closed with this target
	 * @param partSize bytes per uploaded part (at least S3's 5 MiB minimum)
	 * @param workDir where snapshots wait, verified, for their upload
	 */
	public S3Target(SnapshotPolicy policy, S3Clients.Connection connection, long partSize, Path workDir) {
		this.policy = policy;
		this.s3 = policy.s3();
		this.connection = connection;
		this.client = connection.client();
		this.partSize = partSize;
		this.workDir = workDir;
	}

	/** The object key of the snapshot started at {@code stamp}. */
	public static String key(SnapshotPolicy policy, long stamp) {
		return keyPrefix(policy) + policy.filePrefix() + "-" + stamp + ".snap";
	}

	/** {@code s3://bucket/key} of the snapshot started at {@code stamp}. */
	public static String url(SnapshotPolicy policy, long stamp) {
		return "s3://" + policy.s3().bucket() + "/" + key(policy, stamp);
	}

	@Override
	public String url(long stamp) {
		return url(this.policy, stamp);
	}

	@Override
	public Path receive(long stamp, InputStream content, long length) throws IOException {
		Files.createDirectories(this.workDir);
		// createTempFile makes it readable by this user only
		Path temp = Files.createTempFile(this.workDir, ".coffer-snapshot-" + this.policy.name() + "-", ".tmp");
		boolean done = false;
		try (OutputStream out = Files.newOutputStream(temp)) {
			byte[] buffer = new byte[BUFFER];
			long written = 0;
			for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
				written += read;
				out.write(buffer, 0, read);
			}
			if (length >= 0 && written != length) {
				throw new IOException("the snapshot stream ended after " + written + " of " + length + " bytes");
			}
			done = true;
			return temp;
		}
		finally {
			if (!done) {
				Files.deleteIfExists(temp);
			}
		}
	}

	@Override
	public void store(Path verified, long stamp) throws IOException {
		new MultipartUpload(this.client, this.s3, this.partSize).upload(verified, key(this.policy, stamp));
	}

	@Override
	public List<StoredSnapshot> list() throws IOException {
		String prefix = keyPrefix(this.policy) + this.policy.filePrefix() + "-";
		Pattern name = Pattern.compile(Pattern.quote(prefix) + "(\\d{1,19})\\.snap");
		List<StoredSnapshot> out = new ArrayList<>();
		try {
			for (S3Object object : this.client
				.listObjectsV2Paginator((request) -> request.bucket(this.s3.bucket()).prefix(prefix))
				.contents()) {
				Matcher matcher = name.matcher(object.key());
				if (matcher.matches()) {
					out.add(new StoredSnapshot("s3://" + this.s3.bucket() + "/" + object.key(),
							Long.parseLong(matcher.group(1)), object.size()));
				}
			}
		}
		catch (SdkException ex) {
			throw S3Errors.describe("listing s3://" + this.s3.bucket() + "/" + prefix, ex, this.s3);
		}
		out.sort(Comparator.comparingLong(StoredSnapshot::stamp).reversed());
		return out;
	}

	@Override
	public void delete(StoredSnapshot snapshot) throws IOException {
		String key = snapshot.url().substring(("s3://" + this.s3.bucket() + "/").length());
		try {
			this.client.deleteObject((request) -> request.bucket(this.s3.bucket()).key(key));
		}
		catch (SdkException ex) {
			throw S3Errors.describe("deleting " + snapshot.url(), ex, this.s3);
		}
	}

	@Override
	public void close() {
		this.connection.close();
	}

	/**
	 * {@code path_prefix} as a key prefix: no leading '/', ending in '/' unless empty.
	 */
	private static String keyPrefix(SnapshotPolicy policy) {
		String prefix = policy.pathPrefix().replaceAll("^/+", "").replaceAll("/+$", "");
		return prefix.isEmpty() ? "" : prefix + "/";
	}

}
