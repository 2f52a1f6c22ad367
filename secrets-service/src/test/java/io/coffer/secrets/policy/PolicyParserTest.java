package io.coffer.secrets.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HCL and JSON policy text: what parses, what is rejected and how errors read. */
class PolicyParserTest {

	private static final String HCL = """
			# Team access
			path "secret/data/team/*" {
			  capabilities = ["create", "read", "update", "patch", "delete", "list"]
			  allowed_parameters = {
			    "Owner" = ["a*", "b"]
			    "*"     = []
			  }
			  denied_parameters {
			    "admin" = []
			  }
			  required_parameters = ["owner"]
			  min_wrapping_ttl = "1s"
			  max_wrapping_ttl = 90
			}

			path "/sys/mounts" { capabilities = ["read"] } // inline comment
			/* block
			   comment */
			path "secret/+/private" {
			  policy = "deny"
			}
			""";

	private static final String JSON = """
			{
			  "path": {
			    "secret/data/team/*": {
			      "capabilities": ["create", "read", "update", "patch", "delete", "list"],
			      "allowed_parameters": {"Owner": ["a*", "b"], "*": []},
			      "denied_parameters": {"admin": []},
			      "required_parameters": ["owner"],
			      "min_wrapping_ttl": "1s",
			      "max_wrapping_ttl": 90
			    },
			    "/sys/mounts": {"capabilities": ["read"]},
			    "secret/+/private": {"policy": "deny"}
			  }
			}
			""";

	@Test
	void hclAndJsonOfTheSamePolicyParseToTheSameRules() {
		Policy hcl = PolicyParser.parse("team", HCL);
		Policy json = PolicyParser.parse("team", JSON);
		assertThat(json.rules()).usingRecursiveComparison().isEqualTo(hcl.rules());
		PathRule team = hcl.rules().get(0);
		assertThat(team.pattern()).isEqualTo("secret/data/team/*");
		assertThat(team.permissions().capabilities()).containsExactlyInAnyOrder(Capability.CREATE, Capability.READ,
				Capability.UPDATE, Capability.PATCH, Capability.DELETE, Capability.LIST);
		assertThat(team.permissions().allowedParameters()).containsOnlyKeys("owner", "*");
		assertThat(team.permissions().deniedParameters()).containsEntry("admin", List.of());
		assertThat(team.permissions().requiredParameters()).containsExactly("owner");
		assertThat(team.permissions().minWrappingTtl()).isEqualTo(Duration.ofSeconds(1));
		assertThat(team.permissions().maxWrappingTtl()).isEqualTo(Duration.ofSeconds(90));
		assertThat(hcl.rules().get(1).pattern()).isEqualTo("sys/mounts");
		assertThat(hcl.rules().get(2).permissions().capabilities()).containsExactly(Capability.DENY);
	}

	@Test
	void legacyPolicyWordsExpandToCapabilities() {
		assertThat(caps("policy = \"read\"")).containsExactlyInAnyOrder(Capability.READ, Capability.LIST);
		assertThat(caps("policy = \"write\"")).containsExactlyInAnyOrder(Capability.CREATE, Capability.READ,
				Capability.UPDATE, Capability.DELETE, Capability.LIST);
		assertThat(caps("policy = \"sudo\"")).contains(Capability.SUDO);
		assertThatThrownBy(() -> caps("policy = \"admin\"")).hasMessageContaining("invalid policy \"admin\"");
	}

	@Test
	void stringsKeepInterpolationAndEscapesVerbatim() {
		Policy policy = PolicyParser.parse("p", "path \"secret/${user}/x\" { capabilities = [\"read\"] }\n"
				+ "path \"q\\\"uote\" { capabilities = [] }\n" + "path \"h\" {\n comment = <<EOT\nfree text\nEOT\n}\n");
		assertThat(policy.rules()).extracting(PathRule::pattern).containsExactly("secret/${user}/x", "q\"uote", "h");
	}

	@Test
	void deeplyNestedHclIsAParseErrorNotAStackOverflow() {
		String deep = "path \"a\" {\n  capabilities = " + "[".repeat(20_000) + "]".repeat(20_000) + "\n}\n";
		assertThat(error(deep)).isEqualTo("failed to parse policy: line 2, column 117: nested deeper than 100 levels");
		String objects = "path \"a\" { x = " + "{ y = ".repeat(5_000) + "1" + " }".repeat(5_000) + " }";
		assertThat(error(objects)).contains("nested deeper than 100 levels");
		// The path block is one level: 99 lists inside it are within the limit (and fail
		// later, as not strings).
		assertThat(error("path \"a\" { capabilities = " + "[".repeat(99) + "]".repeat(99) + " }"))
			.doesNotContain("nested deeper");
	}

	@Test
	void emptyPolicyTextIsAPolicyWithoutRules() {
		assertThat(PolicyParser.parse("p", "# nothing yet\n").rules()).isEmpty();
	}

	@Test
	void anUnterminatedStringNamesItsLine() {
		assertThat(error("path \"a\" {\n  capabilities = [\"read\"]\n}\npath \"b {\n}\n"))
			.isEqualTo("failed to parse policy: line 4, column 6: string not terminated");
	}

	@Test
	void aMissingClosingBraceNamesTheEnd() {
		assertThat(error("path \"a\" {\n  capabilities = [\"read\"]\n")).startsWith("failed to parse policy: line 3")
			.contains("expected \"}\"");
	}

	@Test
	void aMissingCommaInAListNamesItsLine() {
		assertThat(error("path \"a\" {\n\n  capabilities = [\"read\" \"list\"]\n}"))
			.startsWith("failed to parse policy: line 3, column 26");
	}

	@Test
	void strayWordsAndUnquotedValuesAreErrors() {
		assertThat(error("this is not hcl")).startsWith("failed to parse policy: line 1");
		assertThat(error("path \"a\" { capabilities = [read] }")).contains("line 1").contains("strings must be quoted");
		assertThat(error("path \"a\" { capabilities = [\"read\"] }\n}")).contains("line 2");
	}

	@Test
	void unknownCapabilitiesAndKeysAreRejected() {
		assertThat(error("path \"a\" { capabilities = [\"fly\"] }")).contains("invalid capability \"fly\"");
		assertThat(error("path \"a\" { capabilities = [\"read\"]\n expiration = \"2030-01-01T00:00:00Z\" }"))
			.contains("invalid key \"expiration\"");
		assertThat(error("secret \"a\" { capabilities = [\"read\"] }")).contains("invalid key \"secret\"");
		assertThat(error("path \"a\" {\n capabilities = [\"read\"]\n capabilities = [\"list\"]\n}"))
			.isEqualTo("failed to parse policy: line 3, column 1: duplicate key \"capabilities\"");
	}

	@Test
	void badWildcardsAndWrappingTtlsAreRejected() {
		assertThat(error("path \"a/+*\" { capabilities = [\"read\"] }")).contains("'+*' is forbidden");
		assertThat(error("path \"a\" {\n min_wrapping_ttl = \"1h\"\n max_wrapping_ttl = \"1m\"\n}"))
			.contains("max_wrapping_ttl cannot be less than min_wrapping_ttl");
		assertThat(error("path \"a\" { min_wrapping_ttl = \"soon\" }")).contains("invalid min_wrapping_ttl");
	}

	@Test
	void malformedJsonNamesItsLineAndDuplicatesAreRejected() {
		assertThat(error("{\n \"path\": {\n  \"a\": {\"capabilities\": [\"read\"]\n}\n"))
			.startsWith("failed to parse policy: line ");
		assertThat(error("{\"path\": {\"a\": {\"capabilities\": [\"read\"]}, \"a\": {}}}")).contains("invalid JSON");
		assertThat(error("{\"path\": {\"a\": {\"capabilities\": \"read\"}}}"))
			.contains("capabilities must be a list of strings");
	}

	@Test
	void jsonMayListPathGroups() {
		Policy policy = PolicyParser.parse("p",
				"{\"path\": [{\"a\": {\"capabilities\": [\"read\"]}}, {\"a\": {\"capabilities\": [\"list\"]}}]}");
		assertThat(policy.rules()).hasSize(2);
		assertThat(Acl.compile(List.of(policy)).lookup("a", false).orElseThrow().permissions().capabilities())
			.isEqualTo(Set.of(Capability.READ, Capability.LIST));
	}

	private static Set<Capability> caps(String body) {
		return PolicyParser.parse("p", "path \"a\" {\n " + body + "\n}").rules().get(0).permissions().capabilities();
	}

	private static String error(String text) {
		try {
			PolicyParser.parse("p", text);
		}
		catch (VaultException ex) {
			assertThat(ex.status()).isEqualTo(400);
			return ex.errors().get(0);
		}
		throw new AssertionError("expected a parse error for: " + text + " " + Map.of());
	}

}
