package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.storage.StorageOp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CP append function is the whole fencing story; it must refuse every unsafe append.
 */
class AppendIfNextTest {

	private static final Epoch EPOCH = new Epoch(3, 42);

	private final byte[] head = entry(EPOCH, 10, 7);

	@Test
	void acceptsTheNextIndexUnderTheSameOrANewerFence() {
		assertThat(apply(this.head, entry(EPOCH, 11, 7))).isEqualTo(entry(EPOCH, 11, 7));
		assertThat(apply(this.head, entry(EPOCH, 11, 9))).isEqualTo(entry(EPOCH, 11, 9));
	}

	@Test
	void refusesADeposedActiveWhoseFenceIsOlderThanTheHead() {
		assertThat(apply(this.head, entry(EPOCH, 11, 6))).isEqualTo(this.head);
	}

	@Test
	void neverOverwritesACommittedIndexWhateverTheFence() {
		assertThat(apply(this.head, entry(EPOCH, 10, 99))).isEqualTo(this.head);
		assertThat(apply(this.head, entry(EPOCH, 9, 99))).isEqualTo(this.head);
	}

	@Test
	void refusesGapsAndOtherEpochs() {
		assertThat(apply(this.head, entry(EPOCH, 12, 7))).isEqualTo(this.head);
		assertThat(apply(this.head, entry(new Epoch(4, 1), 11, 7))).isEqualTo(this.head);
	}

	@Test
	void onlyAGenesisStartsAnEmptyLogAndNeverReplacesOne() {
		byte[] genesis = LogCodec.encode(LogEntry.genesis(EPOCH, new Position(new Epoch(2, 5), 9)));

		assertThat(apply(null, entry(EPOCH, 1, 7))).isNull();
		assertThat(apply(null, genesis)).isEqualTo(genesis);
		assertThat(apply(this.head, LogCodec.encode(LogEntry.genesis(EPOCH, new Position(EPOCH, 10)))))
			.isEqualTo(this.head);
	}

	@Test
	void archivedSlotsNeverMoveBackwards() {
		byte[] newer = entry(EPOCH, 74, 7);

		assertThat(new ArchiveIfNewer(newer).apply(this.head)).isEqualTo(newer);
		assertThat(new ArchiveIfNewer(this.head).apply(newer)).isEqualTo(newer);
		assertThat(new ArchiveIfNewer(this.head).apply(null)).isEqualTo(this.head);
	}

	private static byte[] apply(byte[] stored, byte[] proposed) {
		return new AppendIfNext(proposed).apply(stored);
	}

	private static byte[] entry(Epoch epoch, long index, long fence) {
		return LogCodec.encode(new LogEntry(epoch, index, fence, null,
				List.of(new StorageOp.Put("k", ("v" + index).getBytes(StandardCharsets.UTF_8)))));
	}

}
