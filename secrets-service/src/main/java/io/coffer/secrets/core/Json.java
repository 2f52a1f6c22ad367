package io.coffer.secrets.core;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON mapper for what the core stores behind the barrier (never for HTTP, which
 * Spring's mapper serves).
 */
public final class Json {

	public static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private Json() {
	}

	public static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	public static <T> T read(byte[] bytes, Class<T> type) {
		return MAPPER.readValue(bytes, type);
	}

	public static Map<String, Object> readMap(byte[] bytes) {
		return MAPPER.readValue(bytes, MAP);
	}

}
