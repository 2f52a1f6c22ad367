package io.coffer.support.web.json;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code coffer.http.json}: the shape limits Vault 1.21 puts on a JSON
 * request body (its listener's {@code max_json_*} options, with the same defaults).
 *
 * @param maxDepth deepest nesting of objects and arrays
 * @param maxStringValueLength longest string value or property name, in UTF-8 bytes
 * @param maxObjectEntryCount most entries in one object
 * @param maxArrayElementCount most elements in one array
 */
@ConfigurationProperties("coffer.http.json")
public record JsonLimits(@DefaultValue("300") int maxDepth, @DefaultValue("1048576") int maxStringValueLength,
		@DefaultValue("10000") int maxObjectEntryCount, @DefaultValue("10000") int maxArrayElementCount) {

	public static final JsonLimits VAULT_DEFAULTS = new JsonLimits(300, 1024 * 1024, 10_000, 10_000);

	public JsonLimits {
		if (maxDepth < 1 || maxStringValueLength < 1 || maxObjectEntryCount < 1 || maxArrayElementCount < 1) {
			throw new IllegalArgumentException("coffer.http.json limits must be positive");
		}
	}

}
