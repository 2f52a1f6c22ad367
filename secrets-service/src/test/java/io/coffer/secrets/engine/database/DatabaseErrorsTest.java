package io.coffer.secrets.engine.database;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseErrorsTest {

	@Test
	void aOneCharacterPasswordIsNotCutOutOfWords() {
		assertThat(DatabaseErrors.sanitize("ERROR: relation \"next\" does not exist", List.of("x")))
			.isEqualTo("ERROR: relation \"next\" does not exist");
	}

	@Test
	void aOneCharacterPasswordIsStillRedactedWhereItStandsAlone() {
		assertThat(DatabaseErrors.sanitize("ERROR: syntax error at or near \"x\"", List.of("x")))
			.isEqualTo("ERROR: syntax error at or near \"[password]\"");
		assertThat(DatabaseErrors.sanitize("cannot use x, x'", List.of("x")))
			.isEqualTo("cannot use [password], [password]'");
	}

	@Test
	void aRealPasswordIsRedactedWhereverItOccurs() {
		String password = "Xq7-mP2kZr9-aB4cD8eF";

		assertThat(DatabaseErrors.sanitize("ERROR: cannot use " + password + " here", List.of(password)))
			.isEqualTo("ERROR: cannot use [password] here");
		assertThat(DatabaseErrors.sanitize("ERROR: near \"PASSWORD'" + password + "'x\"", List.of(password)))
			.isEqualTo("ERROR: near \"PASSWORD'[password]'x\"")
			.doesNotContain(password);
		assertThat(DatabaseErrors.sanitize("valueprefix" + password + "suffix", List.of(password)))
			.isEqualTo("valueprefix[password]suffix");
	}

	@Test
	void everySecretIsRedactedTheLongestFirstAndReplacementsAreNotRedactedAgain() {
		String generated = "abcd-Secret-Pass-99";

		assertThat(DatabaseErrors.sanitize("use " + generated + " or pass or word", List.of("pass", generated, "word")))
			.isEqualTo("use [password] or [password] or [password]");
		assertThat(DatabaseErrors.sanitize("a $1 \\ b", List.of("$1", "\\"))).isEqualTo("a [password] [password] b");
		assertThat(DatabaseErrors.sanitize("nothing to hide", Arrays.asList(null, ""))).isEqualTo("nothing to hide");
	}

}
