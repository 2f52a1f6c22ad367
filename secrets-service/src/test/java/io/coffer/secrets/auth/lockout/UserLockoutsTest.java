package io.coffer.secrets.auth.lockout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.TestBarriers;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.InMemoryStorage;
import io.coffer.testsupport.time.TestClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Vault's user lockout rules over storage, with a clock the test moves. */
class UserLockoutsTest {

	private final InMemoryStorage storage = new InMemoryStorage();

	private final Barrier barrier = TestBarriers.unsealed(this.storage);

	private final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));

	private final UserLockouts lockouts = new UserLockouts(this.barrier, this.clock);

	@Test
	void theFifthFailureLocksForFifteenMinutes() {
		for (int i = 0; i < 4; i++) {
			this.lockouts.failedLogin("acc", "alice");
		}
		assertThatCode(() -> this.lockouts.requireUnlocked("acc", "alice")).doesNotThrowAnyException();
		this.lockouts.failedLogin("acc", "alice");
		assertLocked("alice");
		assertThat(this.lockouts.locked(List.of("acc"))).isEqualTo(Map.of("acc", List.of("alice")));
		this.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
		assertLocked("alice");
		this.clock.advance(Duration.ofSeconds(1));
		assertThatCode(() -> this.lockouts.requireUnlocked("acc", "alice")).doesNotThrowAnyException();
		assertThat(this.lockouts.locked(List.of("acc"))).isEmpty();
	}

	@Test
	void theCountStartsAgainAfterTheResetDurationWithoutFailures() {
		for (int i = 0; i < 4; i++) {
			this.lockouts.failedLogin("acc", "bob");
		}
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		for (int i = 0; i < 4; i++) {
			this.lockouts.failedLogin("acc", "bob");
		}
		assertThatCode(() -> this.lockouts.requireUnlocked("acc", "bob")).doesNotThrowAnyException();
		this.lockouts.failedLogin("acc", "bob");
		assertLocked("bob");
	}

	@Test
	void aSuccessClearsTheCountAndUnlockFreesALockedUser() {
		for (int i = 0; i < 4; i++) {
			this.lockouts.failedLogin("acc", "carol");
		}
		this.lockouts.succeededLogin("acc", "carol");
		this.lockouts.failedLogin("acc", "carol");
		assertThatCode(() -> this.lockouts.requireUnlocked("acc", "carol")).doesNotThrowAnyException();
		for (int i = 0; i < 4; i++) {
			this.lockouts.failedLogin("acc", "carol");
		}
		assertLocked("carol");
		this.lockouts.unlock("acc", "carol");
		assertThatCode(() -> this.lockouts.requireUnlocked("acc", "carol")).doesNotThrowAnyException();
	}

	@Test
	void theLockIsInStorageSoAnotherNodeSeesIt() {
		for (int i = 0; i < 5; i++) {
			this.lockouts.failedLogin("acc", "dave");
		}
		// A fresh instance (as on the node that becomes active) has nothing in memory:
		// the lock is in storage.
		UserLockouts afterFailover = new UserLockouts(this.barrier, this.clock);
		assertThatThrownBy(() -> afterFailover.requireUnlocked("acc", "dave")).hasMessage("permission denied");
		assertThat(new String(this.storage.get("core/login/failed-users/acc/ZGF2ZQ").orElseThrow()))
			.doesNotContain("dave");
	}

	@Test
	void tunedSettingsApplyAndDisableTurnsLockoutOff() {
		this.lockouts.configure("acc",
				LockoutConfig.DEFAULTS.updatedWith(Map.of("lockout_threshold", "2", "lockout_duration", "1m")));
		this.lockouts.failedLogin("acc", "erin");
		this.lockouts.failedLogin("acc", "erin");
		assertLocked("erin");
		this.clock.advance(Duration.ofMinutes(1));
		this.lockouts.configure("acc", this.lockouts.config("acc").updatedWith(Map.of("lockout_disable", true)));
		for (int i = 0; i < 10; i++) {
			this.lockouts.failedLogin("acc", "erin");
		}
		assertThatCode(() -> this.lockouts.requireUnlocked("acc", "erin")).doesNotThrowAnyException();
		assertThatThrownBy(() -> LockoutConfig.DEFAULTS.updatedWith(Map.of("lockout_threshold", 4294967296L)))
			.isInstanceOf(VaultException.class)
			.hasMessageContaining("lockout_threshold");
		assertThatThrownBy(() -> LockoutConfig.DEFAULTS.updatedWith(Map.of("lockout_duration", "2562048h")))
			.hasMessageContaining("lockout_duration");
		assertThatThrownBy(() -> LockoutConfig.DEFAULTS.updatedWith(Map.of("threshold", 3)))
			.hasMessageContaining("threshold");
	}

	private void assertLocked(String alias) {
		assertThatThrownBy(() -> this.lockouts.requireUnlocked("acc", alias)).isInstanceOf(VaultException.class)
			.hasMessage("permission denied")
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(403);
	}

}
