package io.coffer.secrets.router;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixTableTest {

	private final PrefixTable<String> table = new PrefixTable<>(Map.of("secret/", "kv", "team/a/", "nested", "team/",
			"outer", "sys/", "system", "auth/token/", "token", "auth/approle/", "approle"));

	@Test
	void theLongestMountPathOwningThePathWins() {
		assertThat(this.table.longest("team/a/x")).contains("nested");
		assertThat(this.table.longest("team/b/x")).contains("outer");
		assertThat(this.table.longest("auth/token/lookup-self")).contains("token");
		assertThat(this.table.longest("auth/approle/login")).contains("approle");
	}

	@Test
	void aMountPathWithoutItsSlashIsTheMountItself() {
		assertThat(this.table.longest("secret")).contains("kv");
		assertThat(this.table.longest("team/a")).contains("nested");
		assertThat(this.table.longest("sys")).contains("system");
	}

	@Test
	void onlyWholeSegmentsMatch() {
		assertThat(this.table.longest("secrets/x")).isEmpty();
		assertThat(this.table.longest("sy")).isEmpty();
		assertThat(this.table.longest("auth/tokens/x")).isEmpty();
		assertThat(this.table.longest("auth")).isEmpty();
		assertThat(this.table.longest("")).isEmpty();
	}

	@Test
	void deeperPathsAndEmptySegmentsStayInTheirMount() {
		assertThat(this.table.longest("secret/a/b/c/")).contains("kv");
		assertThat(this.table.longest("secret//x")).contains("kv");
		assertThat(this.table.longest("team/a//")).contains("nested");
	}

}
