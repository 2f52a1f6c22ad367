package io.coffer.secrets.engine.transit;

import io.coffer.secrets.kernel.VaultException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON codec of stored keys, private to the engine so that the stored form does not
 * change with the application's Jackson settings. Byte arrays are written as base64.
 */
final class TransitJson {

	private final JsonMapper mapper = JsonMapper.builder().disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();

	byte[] write(KeyPolicy policy) {
		try {
			return this.mapper.writeValueAsBytes(policy);
		}
		catch (JacksonException ex) {
			throw new VaultException(500, "could not encode a transit key record");
		}
	}

	KeyPolicy read(byte[] bytes) {
		try {
			return this.mapper.readValue(bytes, KeyPolicy.class);
		}
		catch (JacksonException ex) {
			throw new VaultException(500, "could not decode a transit key record");
		}
	}

}
