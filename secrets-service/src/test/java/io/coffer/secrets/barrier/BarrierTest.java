package io.coffer.secrets.barrier;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import io.coffer.secrets.storage.InMemoryStorage;
import io.coffer.secrets.storage.StorageOp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarrierTest {

	private final InMemoryStorage storage = new InMemoryStorage();

	private final byte[] rootKey = new byte[32];

	private Barrier barrier;

	@BeforeEach
	void setUp() {
		new SecureRandom().nextBytes(this.rootKey);
		this.barrier = new Barrier(this.storage, new SecureRandom(), Clock.systemUTC());
		this.barrier.initialize(this.rootKey);
		this.barrier.unseal(this.rootKey);
	}

	@Test
	void valuesRoundTripAndAreNeverStoredInTheClear() {
		this.barrier.put("logical/a/secret", bytes("hunter2-very-secret"));

		assertThat(this.barrier.get("logical/a/secret"))
			.hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("hunter2-very-secret")));
		assertThat(new String(this.storage.raw().get("logical/a/secret"), StandardCharsets.ISO_8859_1))
			.doesNotContain("hunter2");
	}

	@Test
	void sameValueEncryptsDifferentlyEachTimeBecauseNoncesAreFresh() {
		this.barrier.put("a", bytes("same"));
		byte[] first = this.storage.raw().get("a").clone();
		this.barrier.put("a", bytes("same"));

		assertThat(this.storage.raw().get("a")).isNotEqualTo(first);
	}

	@Test
	void aFlippedByteInStorageIsAnErrorNeverGarbage() {
		this.barrier.put("core/x", bytes("value"));
		byte[] stored = this.storage.raw().get("core/x");
		stored[stored.length - 3] ^= 0x01;

		assertThatThrownBy(() -> this.barrier.get("core/x")).isInstanceOf(BarrierException.class)
			.hasMessageNotContaining("value");
	}

	@Test
	void aValueMovedToAnotherKeyFailsToDecrypt() {
		this.barrier.put("logical/one", bytes("value"));
		this.storage.raw().put("logical/two", this.storage.raw().get("logical/one"));

		assertThatThrownBy(() -> this.barrier.get("logical/two")).isInstanceOf(BarrierException.class);
	}

	@Test
	void rotationAddsATermAndOldValuesStillDecrypt() {
		this.barrier.put("old", bytes("before"));
		KeyStatus rotated = this.barrier.rotate();
		this.barrier.put("new", bytes("after"));

		assertThat(rotated.term()).isEqualTo(2);
		assertThat(this.barrier.get("old")).hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("before")));
		assertThat(this.storage.raw().get("new")[3]).isEqualTo((byte) 2);
		assertThat(this.storage.raw().get("old")[3]).isEqualTo((byte) 1);
	}

	@Test
	void aSecondNodeSeesARotationMadeElsewhereOnReload() {
		Barrier other = new Barrier(this.storage, new SecureRandom(), Clock.systemUTC());
		other.unseal(this.rootKey);
		this.barrier.rotate();
		this.barrier.put("k", bytes("v"));

		assertThat(other.get("k")).hasValueSatisfying((v) -> assertThat(v).isEqualTo(bytes("v")));
		other.reload();
		assertThat(other.keyStatus().term()).isEqualTo(2);
	}

	@Test
	void aDetachedValueOpensOnlyForItsOwnContext() {
		byte[] sealed = this.barrier.sealDetached("database/creds/ro/AbC", bytes("user-42"));

		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("user-42");
		assertThat(this.barrier.openDetached("database/creds/ro/AbC", sealed)).isEqualTo(bytes("user-42"));
		assertThatThrownBy(() -> this.barrier.openDetached("database/creds/ro/XyZ", sealed))
			.isInstanceOf(BarrierException.class);
	}

	@Test
	void aDetachedValueAndAStoredEntryNeverOpenAsEachOther() {
		byte[] sealed = this.barrier.sealDetached("logical/x", bytes("v"));
		this.storage.raw().put("logical/x", sealed);

		assertThatThrownBy(() -> this.barrier.get("logical/x")).isInstanceOf(BarrierException.class);
		this.barrier.put("logical/y", bytes("w"));
		assertThatThrownBy(() -> this.barrier.openDetached("logical/y", this.storage.raw().get("logical/y")))
			.isInstanceOf(BarrierException.class);
	}

	@Test
	void aDetachedValueStillOpensAfterARotationAndOnAnotherNode() {
		byte[] sealed = this.barrier.sealDetached("lease/1", bytes("before"));
		this.barrier.rotate();
		byte[] later = this.barrier.sealDetached("lease/2", bytes("after"));
		Barrier other = new Barrier(this.storage, new SecureRandom(), Clock.systemUTC());
		other.unseal(this.rootKey);

		assertThat(sealed[3]).isEqualTo((byte) 1);
		assertThat(later[3]).isEqualTo((byte) 2);
		assertThat(this.barrier.openDetached("lease/1", sealed)).isEqualTo(bytes("before"));
		assertThat(other.openDetached("lease/1", sealed)).isEqualTo(bytes("before"));
		assertThat(other.openDetached("lease/2", later)).isEqualTo(bytes("after"));
		this.barrier.seal();
		assertThatThrownBy(() -> this.barrier.openDetached("lease/1", sealed)).isInstanceOf(SealedException.class);
	}

	@Test
	void sealedBarrierRefusesEverything() {
		this.barrier.seal();

		assertThatThrownBy(() -> this.barrier.get("a")).isInstanceOf(SealedException.class);
		assertThatThrownBy(() -> this.barrier.put("a", bytes("b"))).isInstanceOf(SealedException.class);
		assertThatThrownBy(() -> this.barrier.write(List.of(new StorageOp.Delete("a"))))
			.isInstanceOf(SealedException.class);
	}

	@Test
	void aWrongRootKeyDoesNotOpenTheKeyring() {
		this.barrier.seal();
		byte[] wrong = this.rootKey.clone();
		wrong[0] ^= 1;

		assertThatThrownBy(() -> this.barrier.unseal(wrong)).isInstanceOf(BarrierException.class);
		assertThat(this.barrier.isSealed()).isTrue();
	}

	@Test
	void viewsConfineKeysToTheirPrefix() {
		BarrierView view = this.barrier.view("logical/m1/");
		view.put("data/x", bytes("1"));

		assertThat(this.barrier.get("logical/m1/data/x")).isPresent();
		assertThat(view.list("data/")).containsExactly("x");
		assertThatThrownBy(() -> view.get("../m2/data/x")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void keyStatusCountsEncryptions() {
		this.barrier.put("a", bytes("1"));
		this.barrier.put("b", bytes("2"));

		assertThat(this.barrier.keyStatus().encryptions()).isEqualTo(2);
		assertThat(this.barrier.keyStatus().term()).isEqualTo(1);
	}

	@Test
	void reloadWhileRequestsEncryptNeverUsesAZeroedOrHalfReplacedKey() throws Exception {
		// becoming active reloads the keyring while requests are encrypting and
		// decrypting
		this.barrier.rotate();
		int writers = 3;
		java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
		java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicLong operations = new java.util.concurrent.atomic.AtomicLong();
		Thread reloader = new Thread(() -> {
			while (!stop.get()) {
				this.barrier.reload();
			}
		});
		List<Thread> threads = new java.util.ArrayList<>();
		for (int t = 0; t < writers; t++) {
			String key = "race/" + t;
			threads.add(new Thread(() -> {
				for (int i = 0; !stop.get(); i++) {
					byte[] value = bytes("value-" + i);
					try {
						this.barrier.put(key, value);
						if (!java.util.Arrays.equals(this.barrier.get(key).orElseThrow(), value)) {
							failures.incrementAndGet();
						}
					}
					catch (RuntimeException ex) {
						failures.incrementAndGet();
					}
					operations.incrementAndGet();
				}
			}));
		}
		reloader.start();
		threads.forEach(Thread::start);
		Thread.sleep(1500);
		stop.set(true);
		reloader.join();
		for (Thread thread : threads) {
			thread.join();
		}

		assertThat(operations.get()).isPositive();
		assertThat(failures.get()).as("failed or garbled of %d operations", operations.get()).isZero();
		// every value written during the reloads decrypts with the final keyring
		for (int t = 0; t < writers; t++) {
			assertThat(this.barrier.get("race/" + t)).isPresent();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void eachOperationIsTimedUnderVaultsBarrierMetricNames() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Barrier measured = new Barrier(this.storage, new SecureRandom(), Clock.systemUTC(), registry);
		measured.unseal(this.rootKey);
		long gets = registry.get("vault.barrier.get").summary().count();

		measured.put("logical/m/a", bytes("one"));
		measured.put("logical/m/b", bytes("two"));
		measured.get("logical/m/a");
		measured.list("logical/m/");
		measured.delete("logical/m/a");
		measured.write(List.of(new StorageOp.Delete("logical/m/b")));
		measured.write(List.of(new StorageOp.Put("logical/m/c", bytes("three")), new StorageOp.Delete("logical/m/x")));

		assertThat(registry.get("vault.barrier.put").summary().count()).isEqualTo(3);
		assertThat(registry.get("vault.barrier.get").summary().count()).isEqualTo(gets + 1);
		assertThat(registry.get("vault.barrier.list").summary().count()).isEqualTo(1);
		assertThat(registry.get("vault.barrier.delete").summary().count()).isEqualTo(2);
		// No label but the quantile of a published percentile: names and keys stay out of
		// the series.
		assertThat(registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.allSatisfy((tag) -> assertThat(tag.getKey()).isEqualTo("phi")));
	}

}
