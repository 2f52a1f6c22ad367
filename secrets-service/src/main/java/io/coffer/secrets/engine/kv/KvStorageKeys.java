package io.coffer.secrets.engine.kv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The storage layout of a KV mount's view, defined once:
 *
 * <pre>
 * v1/&lt;path&gt;                        KV v1 entry (JSON object)
 * v2/config                           KV v2 mount configuration
 * v2/metadata/&lt;path&gt;                KV v2 key metadata (versions, settings)
 * v2/versions/&lt;sha256(path)&gt;/&lt;n&gt;    KV v2 data of version n
 * </pre>
 *
 * Entry paths keep their {@code /} segments so that a storage listing is a KV listing.
 * Segments that storage or the view would reject or normalise ({@code ""}, {@code .},
 * {@code ..}) are escaped, and so is {@code %}, the escape character itself. Version keys
 * use a hash so that one key's versions can never collide with a nested key's.
 */
final class KvStorageKeys {

	static final String V1_PREFIX = "v1/";

	static final String V2_CONFIG = "v2/config";

	static final String V2_METADATA_PREFIX = "v2/metadata/";

	static final String V2_VERSIONS_PREFIX = "v2/versions/";

	private KvStorageKeys() {
	}

	static String v1Entry(String path) {
		return V1_PREFIX + encode(path);
	}

	static String v1ListPrefix(String path) {
		return V1_PREFIX + encodeFolder(path);
	}

	static String v2Metadata(String path) {
		return V2_METADATA_PREFIX + encode(path);
	}

	static String v2MetadataListPrefix(String path) {
		return V2_METADATA_PREFIX + encodeFolder(path);
	}

	static String v2Version(String path, long version) {
		return V2_VERSIONS_PREFIX + sha256(path) + "/" + version;
	}

	/**
	 * Decodes one storage listing entry ({@code name} or {@code folder/}) to a KV name.
	 */
	static String decodeListEntry(String entry) {
		if (entry.endsWith("/")) {
			return decodeSegment(entry.substring(0, entry.length() - 1)) + "/";
		}
		return decodeSegment(entry);
	}

	/** The KV path of a v1 entry, from its storage key below {@link #V1_PREFIX}. */
	static String decodePath(String encoded) {
		String[] segments = encoded.split("/", -1);
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < segments.length; i++) {
			if (i > 0) {
				out.append('/');
			}
			out.append(decodeSegment(segments[i]));
		}
		return out.toString();
	}

	static String encode(String path) {
		String[] segments = path.split("/", -1);
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < segments.length; i++) {
			if (i > 0) {
				out.append('/');
			}
			out.append(encodeSegment(segments[i]));
		}
		return out.toString();
	}

	private static String encodeFolder(String path) {
		if (path.isEmpty()) {
			return "";
		}
		String folder = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return encode(folder) + "/";
	}

	private static String encodeSegment(String segment) {
		if (segment.isEmpty()) {
			return "%";
		}
		String escaped = segment.replace("%", "%25");
		return switch (escaped) {
			case "." -> "%2E";
			case ".." -> "%2E%2E";
			default -> escaped;
		};
	}

	private static String decodeSegment(String segment) {
		if (segment.equals("%")) {
			return "";
		}
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		// Only ASCII is ever escaped (% and .), so each %XX stands for one char.
		StringBuilder out = new StringBuilder(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '%' && i + 3 <= segment.length()) {
				out.append((char) HexFormat.fromHexDigits(segment, i + 1, i + 3));
				i += 2;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static String sha256(String path) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(path.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
