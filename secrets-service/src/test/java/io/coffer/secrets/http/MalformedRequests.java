package io.coffer.secrets.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of malformed Vault requests for every mounted engine and sys/
 * endpoint: broken JSON, wrong types, huge and negative numbers, odd paths, encodings,
 * methods and headers. Request targets never name the test's canaries, and requests that
 * would legitimately stop the node (seal, step-down, revoking the root token) are only
 * sent without a valid token, so whatever changes afterwards is a bug.
 */
final class MalformedRequests {

	/** The token the request carries; the description shows only this label. */
	enum TokenKind {

		ROOT, NONE, GARBAGE, HUGE

	}

	/**
	 * One request, as raw as it goes on the wire.
	 *
	 * @param method HTTP method
	 * @param target request target (path and query), already encoded or not
	 * @param token which token to send
	 * @param headers extra headers
	 * @param body body bytes
	 */
	record FuzzRequest(String method, String target, TokenKind token, Map<String, String> headers, byte[] body) {

		/** For failure messages: no token value, the body cut short. */
		String describe() {
			String text = new String(this.body, StandardCharsets.UTF_8);
			String shown = (text.length() > 300) ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
			Map<String, String> headerNames = new LinkedHashMap<>();
			this.headers.forEach((name, value) -> headerNames.put(name,
					(value.length() > 80) ? value.substring(0, 80) + "…(" + value.length() + ")" : value));
			return this.method + " " + this.target + " token=" + this.token + " headers=" + headerNames + " body="
					+ shown;
		}

	}

	private static final List<String> SAFE_WITH_ROOT_ONLY_NOT = List.of("sys/seal", "sys/step-down",
			"auth/token/revoke-self", "auth/token/revoke-orphan");

	private static final List<String> PATHS = List.of(
			// kv v2 at secret/
			"secret/data/{n}", "secret/metadata/{n}", "secret/metadata/", "secret/delete/{n}", "secret/undelete/{n}",
			"secret/destroy/{n}", "secret/subkeys/{n}", "secret/config", "secret/{n}",
			// kv v1 at kv1/
			"kv1/{n}", "kv1/", "kv1/{n}/{n}",
			// transit
			"transit/keys/{n}", "transit/keys", "transit/keys/{n}/config", "transit/keys/{n}/rotate",
			"transit/keys/{n}/trim", "transit/encrypt/{n}", "transit/decrypt/{n}", "transit/rewrap/{n}",
			"transit/datakey/plaintext/{n}", "transit/datakey/wrapped/{n}", "transit/hmac/{n}", "transit/hmac/{n}/{n}",
			"transit/sign/{n}", "transit/sign/{n}/{n}", "transit/verify/{n}", "transit/hash", "transit/hash/{n}",
			"transit/random", "transit/random/{n}", "transit/export/encryption-key/{n}", "transit/backup/{n}",
			"transit/restore", "transit/cache-config",
			// cubbyhole
			"cubbyhole/{n}", "cubbyhole/",
			// token
			"auth/token/create", "auth/token/create-orphan", "auth/token/create/{n}", "auth/token/lookup",
			"auth/token/lookup-self", "auth/token/lookup-accessor", "auth/token/renew", "auth/token/renew-self",
			"auth/token/renew-accessor", "auth/token/revoke", "auth/token/revoke-accessor", "auth/token/revoke-self",
			"auth/token/revoke-orphan", "auth/token/roles", "auth/token/roles/{n}", "auth/token/accessors",
			"auth/token/tidy",
			// approle
			"auth/approle/role", "auth/approle/role/{n}", "auth/approle/role/fuzzrole",
			"auth/approle/role/fuzzrole/role-id", "auth/approle/role/fuzzrole/secret-id",
			"auth/approle/role/fuzzrole/secret-id/lookup", "auth/approle/role/fuzzrole/secret-id/destroy",
			"auth/approle/role/fuzzrole/secret-id-accessor/lookup", "auth/approle/role/{n}/{n}", "auth/approle/login",
			// userpass
			"auth/userpass/users", "auth/userpass/users/{n}", "auth/userpass/users/fuzzuser/password",
			"auth/userpass/users/fuzzuser/policies", "auth/userpass/login/{n}", "auth/userpass/login/fuzzuser",
			// sys
			"sys/mounts", "sys/mounts/{n}", "sys/mounts/{n}/tune", "sys/mounts/secret/tune", "sys/remount", "sys/auth",
			"sys/auth/{n}", "sys/auth/{n}/tune", "sys/auth/approle/tune", "sys/policy", "sys/policy/{n}",
			"sys/policies/acl", "sys/policies/acl/{n}", "sys/capabilities", "sys/capabilities-self",
			"sys/capabilities-accessor", "sys/internal/ui/mounts", "sys/internal/ui/mounts/{n}", "sys/wrapping/wrap",
			"sys/wrapping/unwrap", "sys/wrapping/lookup", "sys/wrapping/rewrap", "sys/key-status", "sys/rotate",
			"sys/health", "sys/leader", "sys/seal-status", "sys/init", "sys/unseal", "sys/seal", "sys/step-down",
			"sys/generate-root/attempt", "sys/generate-root/update", "sys/rekey/init", "sys/rekey/update",
			"sys/rekey-recovery-key/init", "sys/rekey-recovery-key/update", "sys/locked-users",
			"sys/locked-users/{n}/unlock/{n}", "sys/leases/lookup", "sys/tools/hash", "sys/{n}", "{n}", "");

	private static final List<String> NAMES = List.of("x", "app", "a/b", "a/b/c/", "fuzz-1", "UPPER", "with space", "ü",
			"..", ".", "./x", "%2e%2e", "%2F", "a%2Fb", "%00", "%zz", "%", "%C3%28", "%FF%FE", "a;b", "a?b", "{}", "*",
			"+", "default", "root", "-1", "99999999999999999999", "x".repeat(300), "%u0041");

	private static final List<String> QUERIES = List.of("", "", "", "?list=true", "?list=maybe", "?version=-1",
			"?version=99999999999999999999", "?version=abc", "?versions=1,x", "?cas=-5", "?depth=99999",
			"?standbyok=yes&activecode=abc", "?sealedcode=99999999999", "?%zz=1", "?list=true&list=false", "?format=x",
			"?help=1", "?warning=" + "w".repeat(1000));

	private static final List<String> METHODS = List.of("GET", "GET", "PUT", "PUT", "POST", "POST", "POST", "DELETE",
			"LIST", "LIST", "PATCH", "HEAD", "OPTIONS", "FOO", "get", "TRACE", "PROPFIND");

	private static final List<String> FIELDS = List.of("data", "options", "version", "cas", "max_versions",
			"cas_required", "delete_version_after", "versions", "custom_metadata", "type", "description", "config",
			"default_lease_ttl", "max_lease_ttl", "policy", "rules", "policies", "ttl", "explicit_max_ttl", "period",
			"num_uses", "renewable", "display_name", "meta", "no_parent", "role_id", "secret_id", "secret_id_num_uses",
			"secret_id_ttl", "token_ttl", "token_max_ttl", "token_policies", "token_num_uses", "bind_secret_id",
			"secret_id_bound_cidrs", "token_bound_cidrs", "cidr_list", "password", "plaintext", "ciphertext", "context",
			"nonce", "key_version", "batch_input", "input", "algorithm", "hash_algorithm", "signature_algorithm",
			"signature", "hmac", "bits", "bytes", "format", "exportable", "derived", "convergent_encryption",
			"min_decryption_version", "min_encryption_version", "deletion_allowed", "auto_rotate_period", "token",
			"accessor", "increment", "key", "reset", "secret_shares", "secret_threshold", "pgp_keys", "paths", "path",
			"from", "to", "allowed_policies", "disallowed_policies", "orphan", "token_type", "metadata", "otp",
			"user_lockout_threshold", "listing_visibility", "seal_wrap", "local");

	private static final List<String> VALUES = List.of("null", "true", "false", "0", "-1", "-9223372036854775808",
			"9223372036854775807", "9223372036854775808", "99999999999999999999", "4294967296", "1e308", "1e309",
			"-1e309", "3.7", "-0.0", "\"\"", "\" \"", "\"abc\"", "\"-1\"", "\"99999999999999999999\"", "\"2562048h\"",
			"\"-5s\"", "\"1e400\"", "\"NaN\"", "\"Infinity\"", "\"1.5h\"", "\"0x10\"", "\"ü\"", "\"\\u0000\"",
			"\"../../etc\"", "\"" + "s".repeat(10_000) + "\"", "[]", "[1,\"a\",null]", "[[[]]]", "{}",
			"{\"a\":{\"b\":[1]}}", "{\"x\":\"y\"}", "\"path \\\"a\\\" {\"", "\"#!\"", "\"!!!\"", "\"aGk=\"",
			"\"vault:v1:abc\"", "\"vault:v999999999999:AAAA\"", "\"vault:v-1:AAAA\"", "\"10.0.0.0/33\"",
			"[\"999.1.1.1/8\"]", "\"sha2-999\"", "{\"version\":\"99\"}", "{\"version\":2}", "[{\"plaintext\":5}]",
			"[{\"ciphertext\":\"vault:v1:!!\"}]", "\"%s%n%x\"",
			// plausible values, so that a wrong one beside them gets past the first check
			"1", "2", "\"1h\"", "\"default\"", "[\"default\"]", "\"aGVsbG8=\"", "\"sha2-256\"", "\"aes256-gcm96\"",
			"\"ecdsa-p256\"", "\"rsa-2048\"", "\"ed25519\"", "\"base64\"", "\"hex\"", "\"pss\"", "{\"k\":\"v\"}",
			"[{\"plaintext\":\"aGk=\"}]", "[{\"plaintext\":\"aGk=\",\"context\":\"!!\"}]", "\"127.0.0.1/32\"",
			"\"vault:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"", "\"vault:v1:\"", "{\"data\":{\"k\":1}}",
			"\"" + "{".repeat(5_000) + "\"");

	/** Fields each engine reads, so that wrong values get past "missing field" checks. */
	private static final Map<String, List<String>> ENGINE_FIELDS = Map.of("secret/", List.of("data", "options", "cas",
			"version", "versions", "max_versions", "cas_required", "delete_version_after", "custom_metadata"), "kv1/",
			List.of("value", "data", "ttl"), "transit/",
			List.of("plaintext", "ciphertext", "context", "nonce", "key_version", "batch_input", "input", "algorithm",
					"hash_algorithm", "signature_algorithm", "signature", "hmac", "bits", "bytes", "format", "type",
					"exportable", "derived", "min_decryption_version", "min_encryption_version", "deletion_allowed",
					"auto_rotate_period", "size", "backup", "prehashed", "marshaling_algorithm"),
			"auth/token/",
			List.of("policies", "ttl", "explicit_max_ttl", "period", "num_uses", "renewable", "display_name", "meta",
					"no_parent", "token", "accessor", "increment", "orphan", "allowed_policies", "token_type",
					"token_bound_cidrs", "role_name", "entity_alias"),
			"auth/approle/", List.of("role_id", "secret_id", "secret_id_num_uses", "secret_id_ttl", "token_ttl",
					"token_max_ttl", "token_policies", "token_num_uses", "bind_secret_id", "secret_id_bound_cidrs",
					"token_bound_cidrs", "cidr_list", "metadata", "secret_id_accessor", "num_uses", "ttl"),
			"auth/userpass/",
			List.of("password", "token_policies", "token_ttl", "token_max_ttl", "token_bound_cidrs", "token_num_uses",
					"policies"),
			"sys/",
			List.of("type", "description", "config", "options", "default_lease_ttl", "max_lease_ttl", "policy", "rules",
					"path", "paths", "token", "from", "to", "key", "reset", "secret_shares", "secret_threshold",
					"pgp_keys", "nonce", "otp", "accessor", "user_lockout_threshold"),
			"cubbyhole/", List.of("value", "data"));

	private final SplittableRandom random;

	MalformedRequests(long seed) {
		this.random = new SplittableRandom(seed);
	}

	FuzzRequest next() {
		String template = pick(PATHS);
		while (template.contains("{n}")) {
			template = template.replaceFirst("\\{n}", java.util.regex.Matcher.quoteReplacement(pick(NAMES)));
		}
		String path = template;
		String target = "/v1/" + oddPath(path) + pick(QUERIES);
		String method = pick(METHODS);
		TokenKind token = (this.random.nextInt(10) < 6) ? TokenKind.ROOT : pick(List.of(TokenKind.values()));
		boolean stopsTheNode = SAFE_WITH_ROOT_ONLY_NOT.stream().anyMatch(path::startsWith);
		if (token == TokenKind.ROOT && stopsTheNode) {
			token = TokenKind.GARBAGE;
		}
		List<String> fields = ENGINE_FIELDS.entrySet()
			.stream()
			.filter((entry) -> path.startsWith(entry.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(FIELDS);
		if (path.startsWith("sys/policy/") && this.random.nextInt(10) == 0) {
			// a policy nested deeper than any parser stack, sent where it gets parsed
			byte[] deep = ("{\"policy\":\"path \\\"a\\\" { capabilities = " + "[".repeat(100_000) + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			return new FuzzRequest("PUT", "/v1/" + path, TokenKind.ROOT, Map.of(), deep);
		}
		byte[] body = body(fields);
		return new FuzzRequest(method, target, token, headers(), body);
	}

	private String oddPath(String path) {
		return switch (this.random.nextInt(12)) {
			case 0 -> path + "/";
			case 1 -> path.replaceFirst("/", "//");
			case 2 -> path + "/../" + path;
			case 3 -> path.replace("/", "%2F");
			case 4 -> path.toUpperCase(java.util.Locale.ROOT);
			case 5 -> path + "%20";
			default -> path;
		};
	}

	private Map<String, String> headers() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type",
				pick(List.of("application/json", "application/json", "text/plain", "application/x-www-form-urlencoded",
						"multipart/form-data; boundary=x", "application/json; charset=x", "*/*", "application/xml")));
		switch (this.random.nextInt(8)) {
			case 0 -> headers.put("X-Vault-Wrap-TTL",
					pick(List.of("abc", "-1", "99999999999999999999", "1s", "2562048h", "0", "30m", "1e9", "")));
			case 1 -> headers.put("X-Fuzz", "f".repeat(2000 + this.random.nextInt(2000)));
			case 2 -> headers.put("X-Vault-Namespace", pick(List.of("ns1/", "", "../", "root")));
			case 3 -> headers.put("Authorization", pick(List.of("Bearer ", "Bearer", "Basic abc", "Bearer x y")));
			case 4 -> headers.put("X-Vault-Request", pick(List.of("true", "false", "x")));
			default -> {
			}
		}
		return headers;
	}

	private byte[] body(List<String> fields) {
		String text = switch (this.random.nextInt(10)) {
			case 0 -> "";
			case 1 -> brokenJson(fields);
			case 2 -> pick(List.of("[]", "5", "\"str\"", "true", "null", "-1", "[{}]"));
			case 3 -> nested(pick(List.of(10, 100, 1000)));
			default -> object(fields);
		};
		if (this.random.nextInt(40) == 0) {
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			byte[] odd = new byte[utf8.length + 3];
			System.arraycopy(utf8, 0, odd, 0, utf8.length);
			odd[utf8.length] = (byte) 0xC3;
			odd[utf8.length + 1] = (byte) 0x28;
			odd[utf8.length + 2] = (byte) 0xFF;
			return odd;
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private String object(List<String> fields) {
		int count = 1 + this.random.nextInt(5);
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String field = (this.random.nextInt(4) == 0) ? pick(FIELDS) : pick(fields);
			parts.add("\"" + field + "\":" + pick(VALUES));
		}
		return "{" + String.join(",", parts) + "}";
	}

	private String brokenJson(List<String> fields) {
		String whole = object(fields);
		return switch (this.random.nextInt(6)) {
			case 0 -> whole.substring(0, this.random.nextInt(Math.max(1, whole.length())));
			case 1 -> whole.replace("\"", "'");
			case 2 -> whole + whole;
			case 3 -> whole.replace("}", ",}");
			case 4 -> "\uFEFF" + whole;
			default -> pick(List.of("{", "{\"a\":", "[1,2", "nul", "\"unterminated", "{\"a\" 1}", "}{"));
		};
	}

	private static String nested(int depth) {
		return "{\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
	}

	private <T> T pick(List<T> options) {
		return options.get(this.random.nextInt(options.size()));
	}

}
