package io.coffer.secrets.engine.kv;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON Merge Patch (RFC 7386) over parsed JSON maps. */
final class MergePatch {

	private MergePatch() {
	}

	/**
	 * Applies {@code patch} to {@code target} without changing either: a null member
	 * removes the key, an object member merges recursively, anything else replaces.
	 */
	static Object apply(Object target, Object patch) {
		if (!(patch instanceof Map<?, ?> patchMap)) {
			return patch;
		}
		Map<String, Object> result = new LinkedHashMap<>();
		if (target instanceof Map<?, ?> targetMap) {
			targetMap.forEach((key, value) -> result.put((String) key, value));
		}
		patchMap.forEach((key, value) -> {
			String name = (String) key;
			if (value == null) {
				result.remove(name);
			}
			else {
				result.put(name, apply(result.get(name), value));
			}
		});
		return result;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> applyToObject(Map<String, Object> target, Map<String, Object> patch) {
		return (Map<String, Object>) apply(target, patch);
	}

}
