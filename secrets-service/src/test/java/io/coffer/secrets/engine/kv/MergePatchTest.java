package io.coffer.secrets.engine.kv;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.coffer.secrets.engine.kv.KvFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

class MergePatchTest {

	@Test
	void followsTheRfc7386Examples() {
		// RFC 7386 section 3 example.
		Map<String, Object> target = mapOf("title", "Goodbye!", "author",
				mapOf("givenName", "John", "familyName", "Doe"), "tags", List.of("example", "sample"), "content",
				"This will be unchanged");
		Map<String, Object> patch = mapOf("title", "Hello!", "phoneNumber", "+01-123-456-7890", "author",
				mapOf("familyName", null), "tags", List.of("example"));

		Map<String, Object> result = MergePatch.applyToObject(target, patch);

		assertThat(result).isEqualTo(mapOf("title", "Hello!", "author", mapOf("givenName", "John"), "tags",
				List.of("example"), "content", "This will be unchanged", "phoneNumber", "+01-123-456-7890"));
	}

	@Test
	void objectPatchReplacesAScalarAndLeavesInputsUntouched() {
		Map<String, Object> target = mapOf("a", "scalar");
		Map<String, Object> patch = mapOf("a", mapOf("b", "c", "d", null));

		assertThat(MergePatch.applyToObject(target, patch)).isEqualTo(mapOf("a", mapOf("b", "c")));
		assertThat(target).isEqualTo(mapOf("a", "scalar"));
	}

	@Test
	void nonObjectPatchReplacesTheWholeValue() {
		assertThat(MergePatch.apply(mapOf("a", "b"), List.of(1))).isEqualTo(List.of(1));
	}

}
