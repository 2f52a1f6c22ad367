package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.storage.StorageOp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogCodecTest {

	private final LogEntry entry = new LogEntry(new Epoch(2, -7), 55, 19, null,
			List.of(new StorageOp.Put("sys/ünïcode/key", "value".getBytes(StandardCharsets.UTF_8)),
					new StorageOp.Delete("old"), new StorageOp.Put("empty", new byte[0])));

	@Test
	void entriesSurviveEncodingUnchanged() {
		LogEntry decoded = LogCodec.decode(LogCodec.encode(this.entry));

		assertThat(decoded.position()).isEqualTo(this.entry.position());
		assertThat(decoded.fence()).isEqualTo(19);
		assertThat(decoded.isGenesis()).isFalse();
		assertThat(decoded.ops()).hasSize(3);
		assertThat(decoded.ops().get(0).key()).isEqualTo("sys/ünïcode/key");
		assertThat(((StorageOp.Put) decoded.ops().get(0)).value()).isEqualTo("value".getBytes(StandardCharsets.UTF_8));
		assertThat(decoded.ops().get(1)).isEqualTo(new StorageOp.Delete("old"));
		assertThat(LogCodec.encode(decoded)).isEqualTo(LogCodec.encode(this.entry));
	}

	@Test
	void aRestoreEntryKeepsItsMarkAndIsCoveredByTheChecksum() {
		byte[] digest = new byte[32];
		digest[0] = 7;
		RestoreMark mark = new RestoreMark(java.util.UUID.randomUUID(), digest, 1234);
		LogEntry restore = LogEntry.restore(new Epoch(2, 5), 40, 9, mark);

		byte[] encoded = LogCodec.encode(restore);
		LogEntry decoded = LogCodec.decode(encoded);

		assertThat(decoded.isRestore()).isTrue();
		assertThat(decoded.restore()).isEqualTo(mark);
		assertThat(decoded.changesData()).isTrue();
		assertThat(decoded.ops()).isEmpty();
		assertThat(encoded[0]).as("a node without restores refuses it as an unknown version").isEqualTo((byte) 3);
		encoded[HEADER_MARK_OFFSET] ^= 1;
		assertThatThrownBy(() -> LogCodec.decode(encoded)).isInstanceOf(LogCodec.CorruptEntryException.class);
	}

	@Test
	void aForeignRestoreKeepsItsFlagAndTheHmacCoversIt() {
		java.util.UUID id = java.util.UUID.randomUUID();
		LogEntry own = LogEntry.restore(new Epoch(2, 5), 40, 9, new RestoreMark(id, new byte[32], 3));
		LogEntry foreign = LogEntry.restore(new Epoch(2, 5), 40, 9, new RestoreMark(id, new byte[32], 3, true));
		LogAuth auth = new LogAuth();
		auth.use(TestNodes.logKey());

		assertThat(LogCodec.decode(LogCodec.encode(foreign)).restore().foreign()).isTrue();
		assertThat(LogCodec.decode(LogCodec.encode(own)).restore().foreign()).isFalse();
		LogAuth.Tag ownTag = auth.sign(LogCodec.body(own));
		assertThat(auth.verify(LogCodec.body(own), ownTag)).isTrue();
		assertThat(auth.verify(LogCodec.body(foreign), ownTag)).as("the flag cannot be set on a signed entry")
			.isFalse();
	}

	@Test
	void aRetiredKeySignsNoEntryButStillReports() {
		LogAuth auth = new LogAuth();
		auth.use(TestNodes.logKey());
		auth.retire();

		assertThat(auth.sign(LogCodec.body(this.entry))).isNull();
		assertThat(auth.signReport(new byte[] { 1 })).isNotNull();
		auth.use(TestNodes.otherKey());
		assertThat(auth.retired()).isFalse();
		assertThat(auth.sign(LogCodec.body(this.entry))).isNotNull();
	}

	/** A byte inside the restore mark: after version, epoch, index, fence and flags. */
	private static final int HEADER_MARK_OFFSET = 1 + 16 + 8 + 8 + 1 + 20;

	@Test
	void genesisKeepsThePreviousEpoch() {
		LogEntry genesis = LogEntry.genesis(new Epoch(3, 1), new Position(new Epoch(2, -7), 55));

		LogEntry decoded = LogCodec.decode(LogCodec.encode(genesis));

		assertThat(decoded.isGenesis()).isTrue();
		assertThat(decoded.follows(new Position(new Epoch(2, -7), 55))).isTrue();
		assertThat(decoded.follows(new Position(new Epoch(2, 8), 55))).isFalse();
		assertThat(decoded.follows(new Position(new Epoch(2, -7), 56))).isFalse();
	}

	@Test
	void anyFlippedByteIsDetected() {
		byte[] encoded = LogCodec.encode(this.entry);
		for (int i = 0; i < encoded.length; i++) {
			byte[] corrupt = encoded.clone();
			corrupt[i] ^= 0x10;
			assertThatThrownBy(() -> LogCodec.decode(corrupt)).as("byte %d", i)
				.isInstanceOf(LogCodec.CorruptEntryException.class);
		}
	}

	@Test
	void truncatedEntriesAreRejected() {
		byte[] encoded = LogCodec.encode(this.entry);

		assertThatThrownBy(() -> LogCodec.decode(java.util.Arrays.copyOf(encoded, encoded.length - 1)))
			.isInstanceOf(LogCodec.CorruptEntryException.class);
		assertThatThrownBy(() -> LogCodec.decode(new byte[3])).isInstanceOf(LogCodec.CorruptEntryException.class);
	}

}
