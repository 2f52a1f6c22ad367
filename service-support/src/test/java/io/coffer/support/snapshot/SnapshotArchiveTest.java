package io.coffer.support.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import io.coffer.common.snapshot.SnapshotManifest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A snapshot archive written by {@link SnapshotWriter} reads back whole through
 * {@link SnapshotReader}, and every kind of damage is reported rather than read as a
 * smaller snapshot.
 */
class SnapshotArchiveTest {

	private static final Instant CREATED = Instant.parse("2026-12-07T12:00:00Z");

	@TempDir
	Path dir;

	@Test
	void aSnapshotReadsBackWithItsManifestAndEveryEntryInOrder() throws IOException {
		Map<String, byte[]> entries = entries(500);
		Path archive = archive(entries);

		Map<String, byte[]> read = new LinkedHashMap<>();
		SnapshotManifest manifest;
		try (var in = Files.newInputStream(archive)) {
			manifest = SnapshotReader.read(in, read::put);
		}

		assertThat(manifest.entryCount()).isEqualTo(500);
		assertThat(manifest.clusterId()).isEqualTo("cluster-1");
		assertThat(manifest.logIndex()).isEqualTo(42);
		assertThat(manifest.createdTime()).isEqualTo(CREATED);
		assertThat(read.keySet()).containsExactlyElementsOf(entries.keySet());
		read.forEach((key, value) -> assertThat(value).isEqualTo(entries.get(key)));
		assertThat(SnapshotReader.verify(archive)).isEqualTo(manifest);
	}

	@Test
	void theArchiveIsAPlainGzippedTarOfMetaStateAndSums() throws IOException {
		Path archive = archive(entries(3));
		byte[] tar;
		try (var in = new GZIPInputStream(Files.newInputStream(archive))) {
			tar = in.readAllBytes();
		}
		assertThat(new String(tar, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("meta.json");
		assertThat(new String(tar, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
		String text = new String(tar, StandardCharsets.ISO_8859_1);
		assertThat(text).contains("\"cluster_id\" : \"cluster-1\"", "\"log_index\" : 42", "state.bin", "SHA256SUMS",
				"  meta.json\n", "  state.bin\n");
	}

	@Test
	void aTruncatedSnapshotIsReported() throws IOException {
		Path archive = archive(entries(2000));
		byte[] whole = Files.readAllBytes(archive);
		for (int cut : new int[] { 0, 10, whole.length / 2, whole.length - 9, whole.length - 1 }) {
			Path truncated = write("cut-" + cut, Arrays.copyOf(whole, cut));
			assertThatThrownBy(() -> SnapshotReader.verify(truncated)).as("cut at %d", cut)
				.isInstanceOf(InvalidSnapshotException.class);
		}
	}

	@Test
	void aFlippedByteAnywhereIsReported() throws IOException {
		// (not in the gzip header's flags and mtime: gzip itself ignores those)
		Path archive = archive(entries(2000));
		byte[] whole = Files.readAllBytes(archive);
		for (int at : new int[] { 1, 20, whole.length / 3, whole.length / 2, whole.length - 20, whole.length - 3 }) {
			byte[] damaged = whole.clone();
			damaged[at] ^= 0x40;
			Path file = write("flip-" + at, damaged);
			assertThatThrownBy(() -> SnapshotReader.verify(file)).as("flip at %d", at)
				.isInstanceOf(InvalidSnapshotException.class);
		}
	}

	@Test
	void aStateAlteredAndRecompressedFailsItsChecksum() throws IOException {
		Path archive = archive(entries(10));
		byte[] tar;
		try (var in = new GZIPInputStream(Files.newInputStream(archive))) {
			tar = in.readAllBytes();
		}
		// the first value byte of state.bin: after meta.json's blocks, the state header,
		// and the first key's length, key and value length
		int stateStart = indexOf(tar, "key/00000".getBytes(StandardCharsets.US_ASCII));
		tar[stateStart + "key/00000".length() + 4] ^= 1;
		Path altered = write("altered", gzip(tar));

		assertThatThrownBy(() -> SnapshotReader.verify(altered)).isInstanceOf(InvalidSnapshotException.class)
			.hasMessageContaining("SHA256SUMS");
	}

	@Test
	void aManifestThatMiscountsTheEntriesIsReported() throws IOException {
		Map<String, byte[]> entries = entries(5);
		Path state = this.dir.resolve("state.bin");
		SnapshotManifest honest = writeState(state, entries);
		SnapshotManifest lying = new SnapshotManifest(1, "cluster-1", "vault-cluster-1", "node1", 1, 42, 1, 6,
				honest.stateSha256(), honest.stateSize(), CREATED);
		Path archive = this.dir.resolve("lying.snap");
		try (OutputStream out = Files.newOutputStream(archive)) {
			SnapshotWriter.write(out, lying, state);
		}
		assertThatThrownBy(() -> SnapshotReader.verify(archive)).isInstanceOf(InvalidSnapshotException.class)
			.hasMessageContaining("5 entries, the manifest says 6");
	}

	@Test
	void somethingElseThanASnapshotIsReported() throws IOException {
		Path json = write("not.snap", "{\"errors\":[\"permission denied\"]}".getBytes(StandardCharsets.UTF_8));
		assertThatThrownBy(() -> SnapshotReader.verify(json)).isInstanceOf(InvalidSnapshotException.class);
		Path empty = write("empty.snap", new byte[0]);
		assertThatThrownBy(() -> SnapshotReader.verify(empty)).isInstanceOf(InvalidSnapshotException.class);
	}

	@Test
	void keysOutOfOrderAreRefusedWhenWriting() throws IOException {
		StateWriter writer = new StateWriter(OutputStream.nullOutputStream());
		writer.write("b", new byte[1]);
		assertThatThrownBy(() -> writer.write("a", new byte[1])).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> writer.write("b", new byte[1])).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void sizesBeyondOctalUseTheBase256FieldAndReadBack() throws IOException {
		long huge = 10L * 1024 * 1024 * 1024;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		TarArchiveOutputStream tar = SnapshotWriter.tarStream(bytes);
		tar.putArchiveEntry(SnapshotWriter.tarEntry(SnapshotFormat.STATE, huge, 0));
		tar.flush();
		byte[] header = bytes.toByteArray();
		assertThat(header).hasSize(512);
		assertThat(header[124]).isEqualTo((byte) 0x80);
		TarArchiveEntry entry = SnapshotReader.next(new TarArchiveInputStream(new ByteArrayInputStream(header)));
		assertThat(entry.getName()).isEqualTo(SnapshotFormat.STATE);
		assertThat(entry.getSize()).isEqualTo(huge);
	}

	private Path archive(Map<String, byte[]> entries) throws IOException {
		Path state = this.dir.resolve("state.bin");
		SnapshotManifest manifest = writeState(state, entries);
		Path archive = this.dir.resolve("test.snap");
		try (OutputStream out = Files.newOutputStream(archive)) {
			SnapshotWriter.write(out, manifest, state);
		}
		return archive;
	}

	private static SnapshotManifest writeState(Path state, Map<String, byte[]> entries) throws IOException {
		try (OutputStream out = Files.newOutputStream(state)) {
			StateWriter writer = new StateWriter(out);
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				writer.write(entry.getKey(), entry.getValue());
			}
			writer.flush();
			return new SnapshotManifest(SnapshotManifest.FORMAT_VERSION, "cluster-1", "vault-cluster-1", "node1", 1, 42,
					1, writer.entries(), writer.sha256(), writer.size(), CREATED);
		}
	}

	private static Map<String, byte[]> entries(int count) {
		Map<String, byte[]> out = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			byte[] value = new byte[64 + i % 200];
			Arrays.fill(value, (byte) i);
			out.put(String.format("key/%05d", i), value);
		}
		return out;
	}

	private Path write(String name, byte[] content) throws IOException {
		return Files.write(this.dir.resolve(name), content);
	}

	private static byte[] gzip(byte[] content) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(content);
		}
		return out.toByteArray();
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new IllegalArgumentException("not found");
	}

}
