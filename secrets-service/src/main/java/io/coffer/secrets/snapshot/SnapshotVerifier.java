package io.coffer.secrets.snapshot;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicReference;

import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.common.snapshotauto.SnapshotVerification;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.BarrierException;
import io.coffer.secrets.barrier.SealedException;
import io.coffer.secrets.barrier.SnapshotKeys;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.NodeProperties;
import io.coffer.secrets.storage.StorageProperties;
import io.coffer.support.snapshot.InvalidSnapshotException;
import io.coffer.support.snapshot.SnapshotReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Proves that a snapshot can be restored here, without restoring it: the archive is
 * checked as a restore reads it (format, checksums, counts, key order), its keyring must
 * open with this cluster's root key, and <b>every barrier entry must decrypt</b> under
 * that keyring (the seal's own records, kept outside the barrier, are only counted). The
 * archive is spooled to the node's snapshot scratch directory and read twice (the keyring
 * sorts after many entries), never held in memory; the plaintexts are discarded at once.
 * Any unsealed node can answer: nothing is written to storage.
 */
@Component
public class SnapshotVerifier {

	private static final Logger logger = LoggerFactory.getLogger(SnapshotVerifier.class);

	private final Barrier barrier;

	private final Path scratch;

	SnapshotVerifier(Barrier barrier, StorageProperties storageProperties, NodeProperties node) {
		this.barrier = barrier;
		this.scratch = SnapshotProducer.scratchDir(storageProperties, node);
	}

	/**
	 * @throws VaultException 400 naming the failed check (an entry's key, never a value),
	 * 503 when this node is sealed
	 */
	public SnapshotVerification verify(InputStream archive) {
		if (this.barrier.isSealed()) {
			throw new SealedException();
		}
		long started = System.nanoTime();
		Path spooled = null;
		try {
			Files.createDirectories(this.scratch);
			spooled = Files.createTempFile(this.scratch, "verify-", ".tar.gz");
			Files.copy(archive, spooled, StandardCopyOption.REPLACE_EXISTING);
			byte[] keyring = keyring(spooled);
			try (SnapshotKeys keys = this.barrier.openSnapshotKeys(keyring)) {
				EntryCheck check = new EntryCheck(keys);
				SnapshotManifest manifest;
				try (InputStream in = open(spooled)) {
					manifest = SnapshotReader.read(in, check::accept);
				}
				long millis = (System.nanoTime() - started) / 1_000_000;
				logger.info(
						"Verified a snapshot of cluster {} at log ({}, {}): {} entries decrypt, {} seal records, "
								+ "in {} ms",
						manifest.clusterId(), manifest.logEpoch(), manifest.logIndex(), check.decrypted,
						check.sealRecords, millis);
				return new SnapshotVerification(manifest.clusterId(), manifest.logIndex(), manifest.entryCount(),
						check.decrypted, check.sealRecords, keys.activeTerm(), millis);
			}
		}
		catch (InvalidSnapshotException | IllegalArgumentException ex) {
			throw VaultException.badRequest("invalid snapshot: " + ex.getMessage());
		}
		catch (BarrierException ex) {
			throw VaultException.badRequest("snapshot entries do not decrypt: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw VaultException.badRequest("failed to read the snapshot: " + ex.getMessage());
		}
		finally {
			SnapshotProducer.deleteQuietly(spooled);
		}
	}

	private static byte[] keyring(Path spooled) throws IOException {
		AtomicReference<byte[]> keyring = new AtomicReference<>();
		try (InputStream in = open(spooled)) {
			SnapshotReader.read(in, (key, value) -> {
				if (key.equals(Barrier.KEYRING_PATH)) {
					keyring.set(value);
				}
			});
		}
		if (keyring.get() == null) {
			throw new InvalidSnapshotException("it holds no keyring");
		}
		return keyring.get();
	}

	private static InputStream open(Path file) throws IOException {
		return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
	}

	/** Decrypts each barrier entry of the second pass; counts the seal's records. */
	private static final class EntryCheck {

		private final SnapshotKeys keys;

		private long decrypted;

		private long sealRecords;

		EntryCheck(SnapshotKeys keys) {
			this.keys = keys;
		}

		void accept(String key, byte[] value) {
			if (key.equals(Barrier.KEYRING_PATH) || SealService.RECORD_PATHS.contains(key)) {
				this.sealRecords++;
			}
			else {
				this.keys.check(key, value);
				this.decrypted++;
			}
		}

	}

}
