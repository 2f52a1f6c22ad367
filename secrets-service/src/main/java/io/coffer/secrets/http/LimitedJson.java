package io.coffer.secrets.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.VaultException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a request body into maps and lists while enforcing {@link JsonLimits}, as Vault's
 * {@code jsonutil.VerifyMaxDepthStreaming} does before it decodes: nesting depth, string
 * length, entries per object, elements per array; a duplicate key is refused too. The
 * tree is built with an explicit stack, so no input can exhaust the thread's stack.
 * Errors are 400s with Vault's texts (Vault itself answers these with 500).
 */
final class LimitedJson {

	// Our own checks run first; Jackson's are lifted so they never decide instead.
	private static final JsonFactory FACTORY = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(Integer.MAX_VALUE)
			.maxStringLength(Integer.MAX_VALUE)
			.maxNameLength(Integer.MAX_VALUE)
			.build())
		.build();

	private LimitedJson() {
	}

	/** The parsed value: a map, list, string, number, boolean or null. */
	static Object parse(String text, JsonLimits limits) {
		try (JsonParser parser = FACTORY.createParser(text)) {
			Object result = read(parser, limits);
			if (parser.nextToken() != null) {
				throw invalid("invalid JSON");
			}
			return result;
		}
		catch (JacksonException ex) {
			throw invalid("invalid JSON");
		}
	}

	private static Object read(JsonParser parser, JsonLimits limits) {
		Deque<Object> open = new ArrayDeque<>();
		Deque<String> names = new ArrayDeque<>();
		JsonToken token = parser.nextToken();
		if (token == null) {
			throw invalid("invalid JSON");
		}
		while (true) {
			Object value;
			switch (token) {
				case START_OBJECT, START_ARRAY -> {
					if (open.size() >= limits.maxDepth()) {
						throw invalid("JSON input exceeds allowed nesting depth");
					}
					open.push((token == JsonToken.START_OBJECT) ? new LinkedHashMap<String, Object>()
							: new ArrayList<>());
					token = parser.nextToken();
					continue;
				}
				case PROPERTY_NAME -> {
					String name = parser.currentName();
					checkLength(name, limits);
					@SuppressWarnings("unchecked")
					Map<String, Object> object = (Map<String, Object>) open.peek();
					if (object.containsKey(name)) {
						throw invalid("duplicate key in JSON object");
					}
					if (object.size() >= limits.maxObjectEntryCount()) {
						throw invalid("JSON object exceeds allowed entry count");
					}
					names.push(name);
					token = parser.nextToken();
					continue;
				}
				case END_OBJECT, END_ARRAY -> value = open.pop();
				case VALUE_STRING -> {
					String string = parser.getString();
					checkLength(string, limits);
					value = string;
				}
				case VALUE_NUMBER_INT -> value = parser.getNumberValue();
				case VALUE_NUMBER_FLOAT -> {
					double number = parser.getDoubleValue();
					// Keep a number too large for a double exactly rather than as
					// Infinity.
					value = Double.isFinite(number) ? (Object) number : parser.getDecimalValue();
				}
				case VALUE_TRUE -> value = Boolean.TRUE;
				case VALUE_FALSE -> value = Boolean.FALSE;
				case VALUE_NULL -> value = null;
				default -> throw invalid("invalid JSON");
			}
			if (open.isEmpty()) {
				return value;
			}
			add(open.peek(), names, value, limits);
			token = parser.nextToken();
		}
	}

	@SuppressWarnings("unchecked")
	private static void add(Object container, Deque<String> names, Object value, JsonLimits limits) {
		if (container instanceof Map<?, ?> map) {
			((Map<String, Object>) map).put(names.pop(), value);
			return;
		}
		List<Object> list = (List<Object>) container;
		if (list.size() >= limits.maxArrayElementCount()) {
			throw invalid("JSON array exceeds allowed element count");
		}
		list.add(value);
	}

	private static void checkLength(String text, JsonLimits limits) {
		if (text.length() > limits.maxStringValueLength() || utf8Length(text) > limits.maxStringValueLength()) {
			throw invalid("JSON string value exceeds allowed length");
		}
	}

	private static long utf8Length(String text) {
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			bytes += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
		}
		return bytes;
	}

	private static VaultException invalid(String reason) {
		return VaultException.badRequest("failed to parse JSON input: " + reason);
	}

}
