package io.coffer.audit.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.coffer.common.audit.AuditDevice;
import io.coffer.common.audit.ChainReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChainVerifierTest {

	@TempDir
	Path dir;

	private final Map<String, String> lastHash = new HashMap<>();

	private final Map<String, Long> lastSeq = new HashMap<>();

	@Test
	void anIntactFileIsOk() throws IOException {
		Path file = write("", chained("j1", 6));
		assertThat(ChainVerifier.verify(file, "")).isEqualTo(ChainReport.intact(6));
	}

	@Test
	void aModifiedLineBreaksTheChainAtTheNextLineOfItsJournal() throws IOException {
		List<String> lines = chained("j1", 6);
		lines.set(2, lines.get(2).replace("secret/a2", "secret/zz"));
		ChainReport report = ChainVerifier.verify(write("", lines), "");
		assertThat(report.ok()).isFalse();
		assertThat(report.line()).isEqualTo(4L);
		assertThat(report.journal()).isEqualTo("j1");
		assertThat(report.seq()).isEqualTo(4L);
		assertThat(report.checked()).isEqualTo(3);
		assertThat(report.reason()).contains("line 3");
	}

	@Test
	void aDeletedLineIsFound() throws IOException {
		List<String> lines = chained("j1", 6);
		lines.remove(3);
		ChainReport report = ChainVerifier.verify(write("", lines), "");
		assertThat(report.ok()).isFalse();
		assertThat(report.line()).isEqualTo(4L);
		assertThat(report.seq()).isEqualTo(5L);
	}

	@Test
	void twoInterleavedJournalsWithAPrefixAreOk() throws IOException {
		List<String> a = chained("node-a", 5);
		List<String> b = chained("node-b", 4);
		List<String> mixed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			mixed.add(a.get(i));
			if (i < 4) {
				mixed.add(b.get(i));
			}
		}
		assertThat(ChainVerifier.verify(write("AUDIT{x} ", mixed), "AUDIT{x} ")).isEqualTo(ChainReport.intact(9));
		// without the prefix, each entry is found at its line's first brace
		assertThat(ChainVerifier.verify(write("vault: ", mixed), null)).isEqualTo(ChainReport.intact(9));
	}

	@Test
	void aLineSwappedBetweenJournalsOrForgedWithoutAChainIsFound() throws IOException {
		List<String> lines = chained("j1", 3);
		lines.add(1, "{\"type\":\"request\",\"request\":{\"path\":\"forged\"}}");
		ChainReport report = ChainVerifier.verify(write("", lines), "");
		assertThat(report.ok()).isFalse();
		assertThat(report.line()).isEqualTo(2L);
	}

	@Test
	void theCommandPrintsTheReportAndExitsOneAtABreak() throws IOException {
		List<String> lines = chained("j1", 4);
		Path intact = write("", lines);
		lines.remove(1);
		Path broken = write("", lines);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
		assertThat(VerifyCommand.run(new String[] { intact.toString() }, print, print)).isZero();
		assertThat(VerifyCommand.run(new String[] { broken.toString() }, print, print)).isOne();
		assertThat(VerifyCommand.run(new String[0], print, print)).isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("intact: 4 entries checked")
			.contains("BROKEN at line 2 (journal j1, seq 3)")
			.contains("\"ok\":false");
	}

	@Test
	void theServiceChecksAFileDeviceAndRefusesOtherDevices() throws IOException {
		Path file = write("p:", chained("j1", 3));
		FileDeviceVerifier verifier = new FileDeviceVerifier();
		AuditDevice device = new AuditDevice("file/", "file", "", Map.of("file_path", file.toString(), "prefix", "p:"),
				false);
		assertThat(verifier.verify(device)).isEqualTo(ChainReport.intact(3));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> verifier.verify(new AuditDevice("k/", "kafka", "", Map.of(), false)))
			.withMessageContaining("only file devices");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> verifier.verify(new AuditDevice("f/", "file", "", Map.of("file_path", "stdout"), false)))
			.withMessageContaining("no file to verify");
	}

	/** Lines of one journal as the node chains them. */
	private List<String> chained(String journal, int count) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long seq = this.lastSeq.merge(journal, 1L, Long::sum);
			String prev = this.lastHash.getOrDefault(journal, "");
			String line = "{\"type\":\"request\",\"request\":{\"path\":\"secret/a" + i
					+ "\"},\"coffer_chain\":{\"journal\":\"" + journal + "\",\"seq\":" + seq + ",\"prev\":\"" + prev
					+ "\"}}";
			this.lastHash.put(journal, sha256(line));
			lines.add(line);
		}
		return lines;
	}

	private static String sha256(String line) {
		try {
			return "sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Path write(String prefix, List<String> lines) throws IOException {
		Path file = Files.createTempFile(this.dir, "audit", ".log");
		StringBuilder out = new StringBuilder();
		for (String line : lines) {
			out.append(prefix).append(line).append('\n');
		}
		Files.writeString(file, out);
		return file;
	}

}
