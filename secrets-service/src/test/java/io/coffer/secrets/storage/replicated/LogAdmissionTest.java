package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.storage.replicated.NodeRuntime.Admission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule each node applies before applying a log entry: its HMAC binds epoch, index,
 * fence and operations; without the key (sealed) only entries that change no data apply.
 */
class LogAdmissionTest {

	private static final Epoch EPOCH = new Epoch(4, 99);

	private final LogAuth auth = keyed(TestNodes.logKey());

	private final LogEntry entry = new LogEntry(EPOCH, 10, 3, null,
			List.of(new StorageOp.Put("logical/x", bytes("ciphertext")), new StorageOp.Delete("logical/y")))
		.signed(this.auth);

	@Test
	void aSignedEntryIsAppliedAfterAnyTransport() {
		assertThat(LogAdmission.verdict(this.auth, LogCodec.decode(LogCodec.encode(this.entry))))
			.isEqualTo(Admission.APPLY);
	}

	@Test
	void theTagBindsEpochIndexFenceAndOperations() {
		LogAuth.Tag tag = this.entry.tag();
		List<LogEntry> altered = List.of(new LogEntry(new Epoch(5, 99), 10, 3, null, this.entry.ops(), tag),
				new LogEntry(EPOCH, 11, 3, null, this.entry.ops(), tag),
				new LogEntry(EPOCH, 10, 4, null, this.entry.ops(), tag),
				new LogEntry(EPOCH, 10, 3, null, List.of(new StorageOp.Delete("logical/x")), tag),
				new LogEntry(EPOCH, 10, 3, null, List.of(new StorageOp.Put("logical/x", bytes("older"))), tag));

		assertThat(altered).allSatisfy((forged) -> assertThat(LogAdmission.verdict(this.auth, forged)).as("%s", forged)
			.isEqualTo(Admission.REFUSE));
	}

	@Test
	void unsignedOrOtherKeyEntriesThatChangeDataAreRefused() {
		LogEntry unsigned = new LogEntry(EPOCH, 10, 3, null, this.entry.ops());
		LogEntry otherKey = new LogEntry(EPOCH, 10, 3, null, this.entry.ops()).signed(keyed(TestNodes.otherKey()));

		assertThat(LogAdmission.verdict(this.auth, unsigned)).isEqualTo(Admission.REFUSE);
		assertThat(LogAdmission.verdict(this.auth, otherKey)).isEqualTo(Admission.REFUSE);
		assertThat(LogAdmission.reason(this.auth, otherKey)).contains("another log key");
		// an unsigned genesis could redirect the history: refused too
		assertThat(LogAdmission.verdict(this.auth, LogEntry.genesis(EPOCH, new Position(new Epoch(3, 1), 9))))
			.isEqualTo(Admission.REFUSE);
	}

	@Test
	void aSealedNodeAppliesOnlyEntriesThatChangeNoData() {
		LogAuth sealed = new LogAuth();

		assertThat(LogAdmission.verdict(sealed, this.entry)).isEqualTo(Admission.WAIT);
		assertThat(LogAdmission.verdict(sealed, new LogEntry(EPOCH, 11, 3, null, List.of())))
			.isEqualTo(Admission.APPLY);
	}

	private static LogAuth keyed(io.coffer.secrets.storage.LogMac key) {
		LogAuth auth = new LogAuth();
		auth.use(key);
		return auth;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
