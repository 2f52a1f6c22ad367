package io.coffer.audit.device.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIOException;

class FileSinkTest {

	private final ReopenSignal signal = new ReopenSignal();

	private final FileSinkFactory factory = new FileSinkFactory(this.signal);

	@TempDir
	Path dir;

	private static DeliveredLine line(long seq) {
		return new DeliveredLine("j1", "node-1", seq, "req-" + seq, "{\"type\":\"request\",\"n\":" + seq + "}");
	}

	@Test
	void appendsEveryLineWithThePrefixAndTheMode() throws IOException {
		Path file = this.dir.resolve("logs/audit.log");
		try (AuditSink sink = this.factory.create("file/",
				Map.of("file_path", file.toString(), "prefix", "@cee: ", "mode", "0640"))) {
			sink.testWrite();
			assertThat(file).exists().isEmptyFile();
			sink.write(List.of(line(1), line(2)));
			sink.write(List.of(line(3)));
		}
		assertThat(Files.readAllLines(file)).containsExactly("@cee: {\"type\":\"request\",\"n\":1}",
				"@cee: {\"type\":\"request\",\"n\":2}", "@cee: {\"type\":\"request\",\"n\":3}");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
	}

	@Test
	void reopensWhenTheFileWasRotatedAway() throws IOException {
		Path file = this.dir.resolve("audit.log");
		Path rotated = this.dir.resolve("audit.log.1");
		try (AuditSink sink = this.factory.create("file/", Map.of("file_path", file.toString()))) {
			sink.write(List.of(line(1)));
			Files.move(file, rotated);
			sink.write(List.of(line(2)));
		}
		assertThat(Files.readAllLines(rotated)).hasSize(1);
		assertThat(Files.readAllLines(file)).containsExactly("{\"type\":\"request\",\"n\":2}");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void reopensOnHangUp() throws IOException {
		Path file = this.dir.resolve("audit.log");
		Path rotated = this.dir.resolve("audit.log.1");
		try (AuditSink sink = this.factory.create("file/", Map.of("file_path", file.toString()))) {
			sink.write(List.of(line(1)));
			// a copy-and-recreate rotation that reuses the file key cannot be seen:
			// SIGHUP says so
			Files.move(file, rotated);
			Files.createFile(file);
			this.signal.raise();
			sink.write(List.of(line(2)));
		}
		assertThat(Files.readAllLines(file)).containsExactly("{\"type\":\"request\",\"n\":2}");
	}

	@Test
	void anUnwritablePathFailsTheTestWrite() throws IOException {
		Path blocker = Files.createFile(this.dir.resolve("not-a-directory"));
		AuditSink sink = this.factory.create("file/", Map.of("file_path", blocker.resolve("audit.log").toString()));
		assertThatIOException().isThrownBy(sink::testWrite)
			.withMessageStartingWith("sanity check failed; unable to open");
	}

	@Test
	void discardAndStdoutNeedNoFile() throws IOException {
		try (AuditSink discard = this.factory.create("file/", Map.of("file_path", "discard"))) {
			discard.testWrite();
			discard.write(List.of(line(1)));
		}
		try (AuditSink stdout = this.factory.create("file/", Map.of("file_path", "stdout"))) {
			stdout.testWrite();
		}
	}

	@Test
	void refusesAMissingPathAndABadMode() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.create("file/", Map.of()))
			.withMessage("file_path is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.create("file/", Map.of("file_path", "/tmp/x", "mode", "9x")))
			.withMessage("unable to parse 'mode': invalid syntax");
	}

}
