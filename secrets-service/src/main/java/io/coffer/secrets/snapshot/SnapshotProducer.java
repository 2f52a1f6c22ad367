package io.coffer.secrets.snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.core.ClusterIdentity;
import io.coffer.secrets.kernel.BinaryBody;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.NodeProperties;
import io.coffer.secrets.storage.SnapshotUnavailableException;
import io.coffer.secrets.storage.StorageException;
import io.coffer.secrets.storage.StorageProperties;
import io.coffer.secrets.storage.StorageSnapshot;
import io.coffer.secrets.storage.StorageSnapshots;
import io.coffer.support.snapshot.SnapshotFormat;
import io.coffer.support.snapshot.SnapshotWriter;
import io.coffer.support.snapshot.StateWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Takes a snapshot of this node's replica without ever holding it in memory: the
 * point-in-time view is written to {@code state.bin} under
 * {@code <data-dir>/snapshot-tmp/} (and released at once, so RocksDB does not pin old
 * data while a slow client reads), then packed into the archive there, which is unlinked
 * as soon as it is opened: the open stream is all that is left, and closing it (or the
 * process ending) frees the disk space. Any failure is an error before the first byte is
 * sent, never a short or empty 200.
 */
@Component
public class SnapshotProducer {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotProducer.class);

	private static final int FILE_BUFFER = 64 * 1024;

	private final StorageSnapshots storage;

	private final HaCluster ha;

	private final SealService seal;

	private final Barrier barrier;

	private final Clock clock;

	private final Path scratch;

	SnapshotProducer(StorageSnapshots storage, HaCluster ha, SealService seal, Barrier barrier,
			StorageProperties storageProperties, NodeProperties node, Clock clock) {
		this.storage = storage;
		this.ha = ha;
		this.seal = seal;
		this.barrier = barrier;
		this.clock = clock;
		this.scratch = scratchDir(storageProperties, node);
		removeLeftovers(this.scratch);
	}

	/**
	 * {@code <data-dir>/snapshot-tmp}: the node's scratch space for snapshots, emptied at
	 * start.
	 */
	static Path scratchDir(StorageProperties storageProperties, NodeProperties node) {
		return storageProperties.dataDirFor(node.id()).resolve("snapshot-tmp");
	}

	public BinaryBody take() {
		ClusterIdentity cluster = this.seal.clusterIdentity()
			.orElseThrow(() -> new VaultException(503, "Vault is sealed"));
		long started = System.nanoTime();
		Path state = null;
		Path archive = null;
		try {
			Files.createDirectories(this.scratch);
			state = Files.createTempFile(this.scratch, "state-", ".bin");
			archive = Files.createTempFile(this.scratch, "snapshot-", ".tar.gz");
			SnapshotManifest manifest = writeState(state, cluster);
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive), FILE_BUFFER)) {
				SnapshotWriter.write(out, manifest, state);
			}
			Files.delete(state);
			long length = Files.size(archive);
			InputStream content = Files.newInputStream(archive);
			Files.delete(archive);
			logger.info("Snapshot of node {} at log ({}, {}): {} entries, {} bytes, written in {} ms",
					manifest.nodeId(), manifest.logEpoch(), manifest.logIndex(), manifest.entryCount(), length,
					(System.nanoTime() - started) / 1_000_000);
			return new BinaryBody(SnapshotFormat.CONTENT_TYPE, length, content);
		}
		catch (SnapshotUnavailableException ex) {
			throw new VaultException(503, ex.getMessage());
		}
		catch (IOException | StorageException ex) {
			logger.warn("Snapshot of node {} failed: {}", this.ha.nodeId(), ex.toString());
			throw new VaultException(500, "failed to take a snapshot: " + ex.getMessage());
		}
		finally {
			deleteQuietly(state);
			deleteQuietly(archive);
		}
	}

	private SnapshotManifest writeState(Path file, ClusterIdentity cluster) throws IOException {
		// the key term before the view: a rotation in between only makes the keyring in
		// the state newer than the term reported, never missing it
		int keyringTerm = this.barrier.keyStatus().term();
		try (StorageSnapshot view = this.storage.openSnapshot();
				OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), FILE_BUFFER)) {
			StateWriter writer = new StateWriter(out);
			for (StorageSnapshot.Entry entry = view.next(); entry != null; entry = view.next()) {
				writer.write(entry.key(), entry.value());
			}
			writer.flush();
			return new SnapshotManifest(SnapshotManifest.FORMAT_VERSION, cluster.id(), cluster.name(), this.ha.nodeId(),
					view.epoch(), view.index(), keyringTerm, writer.entries(), writer.sha256(), writer.size(),
					this.clock.instant());
		}
	}

	private static void removeLeftovers(Path scratch) {
		if (!Files.isDirectory(scratch)) {
			return;
		}
		try (Stream<Path> files = Files.list(scratch)) {
			files.forEach(SnapshotProducer::deleteQuietly);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot clean " + scratch, ex);
		}
	}

	static void deleteQuietly(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.warn("Could not delete the snapshot scratch file {}: {}", file, ex.toString());
		}
	}

}
