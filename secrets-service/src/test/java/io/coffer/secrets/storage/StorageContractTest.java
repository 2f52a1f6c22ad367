package io.coffer.secrets.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link Storage} must share; run once per implementation. Each test
 * works below its own random prefix so implementations may share one instance.
 */
public abstract class StorageContractTest {

	private String root;

	protected abstract Storage storage();

	@BeforeEach
	void newRoot() {
		this.root = "contract-" + UUID.randomUUID() + "/";
	}

	@Test
	void putThenGetReturnsTheValue() {
		storage().put(key("a"), bytes("one"));

		assertThat(storage().get(key("a"))).hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("one")));
	}

	@Test
	void getOfAMissingKeyIsEmpty() {
		assertThat(storage().get(key("never-written"))).isEmpty();
	}

	@Test
	void putOverwritesAndDeleteRemoves() {
		storage().put(key("a"), bytes("one"));
		storage().put(key("a"), bytes("two"));
		assertThat(storage().get(key("a"))).hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("two")));

		storage().delete(key("a"));

		assertThat(storage().get(key("a"))).isEmpty();
		assertThat(storage().list(this.root)).isEmpty();
	}

	@Test
	void deletingAMissingKeyIsNotAnError() {
		storage().delete(key("missing"));

		assertThat(storage().get(key("missing"))).isEmpty();
	}

	@Test
	void changingAReturnedValueDoesNotChangeTheStoredOne() {
		storage().put(key("a"), bytes("one"));

		storage().get(key("a")).orElseThrow()[0] = 'X';

		assertThat(storage().get(key("a"))).hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("one")));
	}

	@Test
	void listShowsOneLevelWithFoldersSortedAndSuffixedBySlash() {
		storage().put(key("b"), bytes("1"));
		storage().put(key("a/x"), bytes("2"));
		storage().put(key("a/y/z"), bytes("3"));
		storage().put(key("c/"), bytes("4"));
		storage().put(key("a.txt"), bytes("5"));
		storage().put(key("a0"), bytes("6"));

		assertThat(storage().list(this.root)).containsExactly("a.txt", "a/", "a0", "b", "c/");
		assertThat(storage().list(this.root + "a/")).containsExactly("x", "y/");
		assertThat(storage().list(this.root + "a/y/")).containsExactly("z");
		assertThat(storage().list(this.root + "c/")).containsExactly("");
		assertThat(storage().list(this.root + "nothing/")).isEmpty();
	}

	@Test
	void listOfTheEmptyPrefixShowsTopLevelEntries() {
		storage().put(key("a"), bytes("1"));

		assertThat(storage().list("")).contains(this.root);
	}

	@Test
	void listHandlesNonAsciiKeys() {
		storage().put(key("zürich/a"), bytes("1"));
		storage().put(key("ärger"), bytes("2"));
		storage().put(key("zebra"), bytes("3"));

		assertThat(storage().list(this.root)).containsExactly("zebra", "zürich/", "ärger");
	}

	@Test
	void batchAppliesEveryOperationInOrder() {
		storage().put(key("gone"), bytes("old"));

		storage().write(List.of(new StorageOp.Put(key("a"), bytes("1")), new StorageOp.Put(key("b"), bytes("2")),
				new StorageOp.Delete(key("gone")), new StorageOp.Put(key("a"), bytes("3")),
				new StorageOp.Put(key("c"), bytes("4")), new StorageOp.Delete(key("c"))));

		assertThat(storage().get(key("a"))).hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("3")));
		assertThat(storage().get(key("b"))).isPresent();
		assertThat(storage().get(key("gone"))).isEmpty();
		assertThat(storage().get(key("c"))).isEmpty();
		assertThat(storage().list(this.root)).containsExactly("a", "b");
	}

	@Test
	void emptyBatchChangesNothing() {
		storage().write(List.of());

		assertThat(storage().list(this.root)).isEmpty();
	}

	@Test
	void valuesAreStoredByteForByte() {
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) i;
		}
		storage().put(key("bin"), binary);
		storage().put(key("empty"), new byte[0]);

		assertThat(storage().get(key("bin"))).hasValueSatisfying((v) -> assertThat(v).isEqualTo(binary));
		assertThat(storage().get(key("empty"))).hasValueSatisfying((v) -> assertThat(v).isEmpty());
	}

	protected String key(String name) {
		return this.root + name;
	}

	protected static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
