package io.coffer.secrets.router;

import java.util.ArrayList;
import java.util.List;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {

	private final Source builtin = new Source(mount("sys/"), mount("cubbyhole/"), mount("auth/token/"));

	private final Source stored = new Source(mount("secret/"));

	private final Router router = new Router(List.of(this.builtin, this.stored));

	@Test
	void everyMountIsInOneTable() {
		assertThat(this.router.require("sys/mounts").mount().path()).isEqualTo("sys/");
		assertThat(this.router.require("auth/token/create").mount().path()).isEqualTo("auth/token/");
		assertThat(this.router.require("secret/app").relative("secret/app")).isEqualTo("app");
	}

	@Test
	void anEnabledMountIsRoutedAtOnceAndADisabledOneNoMore() {
		assertThat(this.router.route("kv1/x")).isEmpty();
		this.stored.set(mount("secret/"), mount("kv1/"));
		assertThat(this.router.require("kv1/x").engine()).isSameAs(this.stored.engine);
		this.stored.set(mount("kv1/"));
		assertThat(this.router.route("secret/x")).isEmpty();
	}

	@Test
	void anUnknownPathIsVaultsNoHandler() {
		assertThatThrownBy(() -> this.router.require("nope/x")).isInstanceOf(VaultException.class)
			.hasMessage("no handler for route \"nope/x\". route entry not found.");
	}

	private static MountEntry mount(String path) {
		return new MountEntry(path, "kv", "", "kv_0", path, MountEntry.MountConfig.DEFAULTS, null);
	}

	private static final class Source implements MountSource {

		private final SecretEngine engine = (request) -> LogicalResponse.empty();

		private List<MountEntry> mounts;

		Source(MountEntry... mounts) {
			set(mounts);
		}

		void set(MountEntry... mounts) {
			this.mounts = new ArrayList<>(List.of(mounts));
		}

		@Override
		public List<MountEntry> mounts() {
			return this.mounts;
		}

		@Override
		public SecretEngine engine(MountEntry mount) {
			return this.engine;
		}

	}

}
