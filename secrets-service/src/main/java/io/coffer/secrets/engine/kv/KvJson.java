package io.coffer.secrets.engine.kv;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON codec of KV's stored records. It is private to the engine so that the stored
 * form does not change with the application's Jackson settings.
 */
final class KvJson {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	// Decimals keep their exact digits: a secret "1.10" must read back as 1.10, not 1.1.
	private final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	byte[] write(Object value) {
		try {
			return this.mapper.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw VaultErrors.internal("could not encode a KV record");
		}
	}

	<T> T read(byte[] bytes, Class<T> type) {
		try {
			return this.mapper.readValue(bytes, type);
		}
		catch (JacksonException ex) {
			throw VaultErrors.internal("could not decode a KV record");
		}
	}

	Map<String, Object> readMap(byte[] bytes) {
		try {
			return this.mapper.readValue(bytes, MAP);
		}
		catch (JacksonException ex) {
			throw VaultErrors.internal("could not decode a KV record");
		}
	}

}
