package io.coffer.support.snapshot;

import io.coffer.common.snapshot.SnapshotManifest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code meta.json}: ISO-8601 times; fields a later version adds are ignored. */
final class SnapshotJson {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private SnapshotJson() {
	}

	static byte[] write(SnapshotManifest manifest) {
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
	}

	static SnapshotManifest read(byte[] meta) {
		try {
			return JSON.readValue(meta, SnapshotManifest.class);
		}
		catch (JacksonException ex) {
			throw new InvalidSnapshotException("meta.json is not a valid snapshot manifest");
		}
	}

}
