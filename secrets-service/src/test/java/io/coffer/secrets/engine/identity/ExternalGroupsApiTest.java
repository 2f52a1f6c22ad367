package io.coffer.secrets.engine.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;

import io.coffer.secrets.auth.jwt.TestIdentityProvider;
import io.coffer.secrets.ha.FakeHaCluster;
import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.InMemoryStorage;
import io.coffer.secrets.storage.Storage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * External groups and group aliases over real HTTP: their CRUD with Vault's errors, and
 * JWT logins whose groups claim names a group alias making the entity a member of the
 * external group (and of the internal groups holding it) until a login stops naming it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalGroupsApiTest {

	private static final RSAKey KEY = TestIdentityProvider.rsaKey("ext");

	@LocalServerPort
	int port;

	NodeClient root;

	String jwtAccessor;

	@BeforeAll
	void initUnsealAndPrepare() {
		this.root = new NodeClient("http://127.0.0.1:" + this.port).initializeAndUnseal();
		assertThat(this.root.call("POST", "sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2")))
			.status()).isEqualTo(204);
		this.root.call("PUT", "sys/policy/devs", Map.of("policy", """
				path "secret/data/devs/*" { capabilities = ["read"] }
				"""));
		this.root.call("PUT", "sys/policy/staff", Map.of("policy", """
				path "secret/data/staff/*" { capabilities = ["read"] }
				"""));
		this.root.call("POST", "secret/data/devs/app", Map.of("data", Map.of("k", "devs")));
		this.root.call("POST", "secret/data/staff/wiki", Map.of("data", Map.of("k", "staff")));
		assertThat(this.root.call("POST", "sys/auth/oidc-ext", Map.of("type", "jwt")).status()).isEqualTo(204);
		assertThat(this.root
			.call("POST", "auth/oidc-ext/config",
					Map.of("jwt_validation_pubkeys", List.of(TestIdentityProvider.pem(publicKey()))))
			.status()).isEqualTo(204);
		assertThat(this.root
			.call("POST", "auth/oidc-ext/role/people",
					Map.of("role_type", "jwt", "bound_audiences", "coffer", "user_claim", "sub", "groups_claim",
							"groups", "token_policies", "default"))
			.status()).isEqualTo(204);
		this.jwtAccessor = accessor("oidc-ext/");
	}

	@Test
	@SuppressWarnings("unchecked")
	void externalGroupsAndTheirAliasesAreCreatedReadMovedAndDeleted() {
		NodeClient.Response created = this.root.call("POST", "identity/group",
				Map.of("name", "ext-crud", "type", "external", "policies", "devs"));
		assertThat(created.status()).isEqualTo(200);
		String group = (String) created.data().get("id");
		assertError(this.root.call("POST", "identity/group/id/" + group, Map.of("member_entity_ids", List.of())),
				"member entities can't be set manually for external groups");
		assertError(
				this.root.call("POST", "identity/group",
						Map.of("name", "ext-bad", "type", "external", "member_group_ids", group)),
				"member groups can't be set for external groups");
		assertError(this.root.call("POST", "identity/group/id/" + group, Map.of("type", "internal")),
				"group type cannot be changed");
		assertError(this.root.call("POST", "identity/group", Map.of("name", "ext-odd", "type", "odd")),
				"invalid group type \"odd\"");
		assertThat(this.root.call("GET", "identity/group/name/ext-bad", null).status()).isEqualTo(404);

		NodeClient.Response alias = this.root.call("POST", "identity/group-alias",
				Map.of("name", "Crud-Team", "mount_accessor", this.jwtAccessor, "canonical_id", group));
		assertThat(alias.status()).isEqualTo(200);
		assertThat(alias.data()).containsEntry("canonical_id", group);
		String aliasId = (String) alias.data().get("id");
		assertThat(this.root.call("GET", "identity/group-alias/id/" + aliasId, null).data())
			.containsEntry("name", "Crud-Team")
			.containsEntry("canonical_id", group)
			.containsEntry("mount_accessor", this.jwtAccessor)
			.containsEntry("mount_path", "auth/oidc-ext/")
			.containsEntry("mount_type", "jwt");
		Map<String, Object> read = this.root.call("GET", "identity/group/id/" + group, null).data();
		assertThat(read).containsEntry("type", "external").containsEntry("policies", List.of("devs"));
		assertThat((Map<String, Object>) read.get("alias")).containsEntry("id", aliasId)
			.containsEntry("name", "Crud-Team");
		assertThat((List<String>) this.root.call("LIST", "identity/group-alias/id", null).data().get("keys"))
			.contains(aliasId);
		assertThat(this.root
			.call("POST", "identity/lookup/group",
					Map.of("alias_name", "crud-team", "alias_mount_accessor", this.jwtAccessor))
			.data()).containsEntry("id", group);
		assertThat(this.root.call("POST", "identity/lookup/group", Map.of("alias_id", aliasId)).data())
			.containsEntry("id", group);

		String internal = (String) this.root.call("POST", "identity/group", Map.of("name", "int-crud"))
			.data()
			.get("id");
		assertError(
				this.root.call("POST", "identity/group-alias",
						Map.of("name", "crud-team", "mount_accessor", this.jwtAccessor)),
				"combination of mount and group alias name is already in use");
		assertError(
				this.root.call("POST", "identity/group-alias",
						Map.of("name", "x", "mount_accessor", this.jwtAccessor, "canonical_id", internal)),
				"alias can't be set on an internal group");
		assertError(
				this.root.call("POST", "identity/group-alias",
						Map.of("name", "x", "mount_accessor", this.jwtAccessor, "canonical_id", "nope")),
				"invalid group ID given in 'canonical_id'");
		assertError(
				this.root.call("POST", "identity/group-alias", Map.of("name", "x", "mount_accessor", "jwt_00000000")),
				"invalid mount accessor \"jwt_00000000\"");
		assertError(this.root.call("POST", "identity/group-alias", Map.of("mount_accessor", this.jwtAccessor)),
				"missing alias name");
		assertError(this.root.call("POST", "identity/group-alias", Map.of("name", "x")), "missing mount_accessor");
		assertError(this.root.call("POST", "identity/group-alias/id/nope",
				Map.of("name", "x", "mount_accessor", this.jwtAccessor)), "invalid group alias ID");

		// Without a canonical id the alias gets a new external group of its own; moving
		// it to the first group replaces that group's alias, which stops resolving.
		NodeClient.Response own = this.root.call("POST", "identity/group-alias",
				Map.of("name", "own-team", "mount_accessor", this.jwtAccessor));
		String ownGroup = (String) own.data().get("canonical_id");
		assertThat(ownGroup).isNotEqualTo(group);
		assertThat(this.root.call("GET", "identity/group/id/" + ownGroup, null).data()).containsEntry("type",
				"external");
		String ownAlias = (String) own.data().get("id");
		assertThat(this.root
			.call("POST", "identity/group-alias/id/" + ownAlias,
					Map.of("name", "own-team", "mount_accessor", this.jwtAccessor, "canonical_id", group))
			.data()).containsEntry("canonical_id", group);
		assertThat(this.root.call("GET", "identity/group/id/" + ownGroup, null).data()).containsEntry("alias",
				Map.of());
		assertThat((Map<String, Object>) this.root.call("GET", "identity/group/id/" + group, null).data().get("alias"))
			.containsEntry("id", ownAlias);
		assertThat(this.root.call("GET", "identity/group-alias/id/" + aliasId, null).status()).isEqualTo(404);
		assertThat(this.root
			.call("POST", "identity/lookup/group",
					Map.of("alias_name", "crud-team", "alias_mount_accessor", this.jwtAccessor))
			.status()).isEqualTo(204);

		assertThat(this.root.call("DELETE", "identity/group-alias/id/" + ownAlias, null).status()).isEqualTo(204);
		assertThat(this.root.call("GET", "identity/group-alias/id/" + ownAlias, null).status()).isEqualTo(404);
		assertThat(this.root.call("GET", "identity/group/id/" + group, null).data()).containsEntry("alias", Map.of());
		// Deleting an external group deletes its alias.
		String third = (String) this.root
			.call("POST", "identity/group-alias", Map.of("name", "gone-team", "mount_accessor", this.jwtAccessor))
			.data()
			.get("id");
		String thirdGroup = (String) this.root.call("GET", "identity/group-alias/id/" + third, null)
			.data()
			.get("canonical_id");
		assertThat(this.root.call("DELETE", "identity/group/id/" + thirdGroup, null).status()).isEqualTo(204);
		assertThat(this.root.call("GET", "identity/group-alias/id/" + third, null).status()).isEqualTo(404);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aJwtGroupsClaimJoinsTheExternalGroupAndALaterLoginWithoutItLeavesIt() {
		String devs = (String) this.root
			.call("POST", "identity/group", Map.of("name", "ext-devs", "type", "external", "policies", "devs"))
			.data()
			.get("id");
		this.root.call("POST", "identity/group-alias",
				Map.of("name", "developers", "mount_accessor", this.jwtAccessor, "canonical_id", devs));
		// An internal group holding the external group passes its policies on.
		String staff = (String) this.root
			.call("POST", "identity/group", Map.of("name", "int-staff", "policies", "staff", "member_group_ids", devs))
			.data()
			.get("id");

		Map<String, Object> first = login("kim", List.of("Developers", "unknown-group"));
		String entityId = (String) first.get("entity_id");
		assertThat(first).containsEntry("identity_policies", List.of("devs", "staff"))
			.containsEntry("token_policies", List.of("default"));
		NodeClient kim = client((String) first.get("client_token"));
		assertThat(kim.call("GET", "secret/data/devs/app", null).status()).isEqualTo(200);
		assertThat(kim.call("GET", "secret/data/staff/wiki", null).status()).isEqualTo(200);
		assertThat(
				(List<String>) this.root.call("GET", "identity/group/id/" + devs, null).data().get("member_entity_ids"))
			.containsExactly(entityId);
		Map<String, Object> entity = this.root.call("GET", "identity/entity/id/" + entityId, null).data();
		assertThat(entity).containsEntry("direct_group_ids", List.of(devs))
			.containsEntry("inherited_group_ids", List.of(staff));

		// Logging in again with the same groups changes nothing; without the group, the
		// entity leaves it and every token of the entity loses its policies at once.
		assertThat(login("kim", List.of("developers"))).containsEntry("entity_id", entityId);
		Map<String, Object> later = login("kim", List.of("other"));
		assertThat(later).containsEntry("entity_id", entityId).doesNotContainKey("identity_policies");
		assertThat(kim.call("GET", "secret/data/devs/app", null).status()).isEqualTo(403);
		assertThat(kim.call("GET", "secret/data/staff/wiki", null).status()).isEqualTo(403);
		assertThat(this.root.call("GET", "identity/group/id/" + devs, null).data()).containsEntry("member_entity_ids",
				List.of());

		// A membership set by hand in an internal group is not touched by logins.
		this.root.call("POST", "identity/group/id/" + staff, Map.of("member_entity_ids", List.of(entityId)));
		login("kim", List.of());
		assertThat(kim.call("GET", "secret/data/staff/wiki", null).status()).isEqualTo(200);
		assertThat(kim.call("GET", "secret/data/devs/app", null).status()).isEqualTo(403);
	}

	private Map<String, Object> login(String subject, List<String> groups) {
		String jwt = TestIdentityProvider.sign(KEY, Instant.now().minusSeconds(5),
				(claims) -> claims.subject(subject).audience("coffer").claim("groups", groups));
		NodeClient.Response login = client(null).call("POST", "auth/oidc-ext/login",
				Map.of("role", "people", "jwt", jwt));
		assertThat(login.status()).isEqualTo(200);
		return auth(login);
	}

	private static java.security.PublicKey publicKey() {
		try {
			return KEY.toRSAPublicKey();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private String accessor(String path) {
		return (String) ((Map<String, Object>) this.root.call("GET", "sys/auth", null).data().get(path))
			.get("accessor");
	}

	private NodeClient client(String token) {
		return new NodeClient("http://127.0.0.1:" + this.port).token(token);
	}

	private static void assertError(NodeClient.Response response, String message) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of(message)));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> auth(NodeClient.Response response) {
		return (Map<String, Object>) response.json().get("auth");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemoryStorageConfiguration {

		@Bean
		@Primary
		Storage testStorage() {
			return new InMemoryStorage();
		}

		@Bean
		@Primary
		HaCluster testHa() {
			return new FakeHaCluster();
		}

	}

}
