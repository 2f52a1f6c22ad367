package io.coffer.secrets.mount;

import java.util.Map;

import io.coffer.secrets.kernel.MountEntry;

/**
 * What {@code POST sys/mounts/:path} asks for, already parsed.
 *
 * @param path normalized path ending in {@code /}
 * @param type the engine type as given (aliases such as {@code kv-v2} allowed)
 * @param description free text
 * @param config TTLs
 * @param options engine options as strings
 */
public record MountRequest(String path, String type, String description, MountEntry.MountConfig config,
		Map<String, String> options) {
}
