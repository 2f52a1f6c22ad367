package io.coffer.testsupport.http;

import tools.jackson.databind.json.JsonMapper;

/** The JSON mapping of request bodies and replies, shared by both clients. */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/** A String body goes out as is (raw or deliberately malformed JSON). */
	static String text(Object body) {
		return (body instanceof String string) ? string : MAPPER.writeValueAsString(body);
	}

}
