package io.coffer.snapshot.target;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.coffer.snapshot.policy.SnapshotPolicy;
import io.coffer.snapshot.settings.SnapshotProperties;
import io.coffer.snapshot.target.s3.S3Clients;
import io.coffer.snapshot.target.s3.S3Target;

import org.springframework.stereotype.Component;

/**
 * Opens the {@link SnapshotTarget} of a configuration's {@code storage_type}: a directory
 * ({@link LocalTarget}) or an S3 bucket ({@link S3Target}, with a client of its own that
 * closing the target closes).
 */
@Component
public class SnapshotTargets {

	private final S3Clients s3Clients;

	private final long partSize;

	private final Path workDir;

	public SnapshotTargets(SnapshotProperties properties) {
		this.s3Clients = new S3Clients(properties.s3ConnectTimeout(), properties.s3Timeout());
		this.partSize = properties.s3PartSize().toBytes();
		this.workDir = properties.workDir();
	}

	/**
	 * @throws IOException when the target cannot be reached or set up
	 */
	public SnapshotTarget open(SnapshotPolicy policy) throws IOException {
		if (policy.s3() == null) {
			return new LocalTarget(policy);
		}
		return new S3Target(policy, this.s3Clients.open(policy.s3()), this.partSize, this.workDir);
	}

	/** Where the snapshot started at {@code stamp} will be kept. */
	public static String url(SnapshotPolicy policy, long stamp) {
		return (policy.s3() == null) ? LocalTarget.fileFor(policy, stamp).toString() : S3Target.url(policy, stamp);
	}

	/** The configuration's snapshots, newest first; empty when they cannot be listed. */
	public List<StoredSnapshot> listQuietly(SnapshotPolicy policy) {
		try (SnapshotTarget target = open(policy)) {
			return target.list();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
