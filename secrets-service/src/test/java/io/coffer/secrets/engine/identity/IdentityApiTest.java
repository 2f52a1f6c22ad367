package io.coffer.secrets.engine.identity;

import java.util.List;
import java.util.Map;

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
 * The {@code identity/} engine over real HTTP on an unsealed node: entity, alias and
 * group CRUD with Vault's errors, logins creating and reusing entities, {@code entity_id}
 * on tokens, group and entity policies in the ACL check, disabled entities, lookups.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "coffer.auth.userpass.bcrypt-cost=4")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityApiTest {

	private static final String TEAM_POLICY = """
			path "secret/data/team/*" {
			  capabilities = ["read"]
			}
			""";

	private static final String OPS_POLICY = """
			path "secret/data/ops/*" {
			  capabilities = ["read"]
			}
			""";

	@LocalServerPort
	int port;

	NodeClient root;

	String peopleAccessor;

	@BeforeAll
	void initUnsealAndPrepare() {
		this.root = new NodeClient("http://127.0.0.1:" + this.port).initializeAndUnseal();
		assertThat(this.root.call("POST", "sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2")))
			.status()).isEqualTo(204);
		this.root.call("PUT", "sys/policy/team", Map.of("policy", TEAM_POLICY));
		this.root.call("PUT", "sys/policy/ops", Map.of("policy", OPS_POLICY));
		this.root.call("POST", "secret/data/team/app", Map.of("data", Map.of("k", "team")));
		this.root.call("POST", "secret/data/ops/db", Map.of("data", Map.of("k", "ops")));
		assertThat(this.root.call("POST", "sys/auth/people", Map.of("type", "userpass")).status()).isEqualTo(204);
		this.peopleAccessor = accessor("people/");
	}

	@Test
	@SuppressWarnings("unchecked")
	void entitiesAreCreatedReadUpdatedListedAndDeleted() {
		NodeClient.Response created = this.root.call("POST", "identity/entity",
				Map.of("name", "crud-bob", "metadata", Map.of("team", "a"), "policies", List.of("team")));
		assertThat(created.status()).isEqualTo(200);
		String id = (String) created.data().get("id");
		assertThat(created.data()).containsEntry("name", "crud-bob");

		Map<String, Object> byId = this.root.call("GET", "identity/entity/id/" + id, null).data();
		assertThat(byId).containsEntry("name", "crud-bob")
			.containsEntry("metadata", Map.of("team", "a"))
			.containsEntry("policies", List.of("team"))
			.containsEntry("disabled", false)
			.containsEntry("aliases", List.of());
		assertThat(this.root.call("GET", "identity/entity/name/CRUD-BOB", null).data()).containsEntry("id", id);

		// A write by name updates the existing entity; unset fields keep their value.
		assertThat(this.root.call("POST", "identity/entity", Map.of("name", "crud-bob", "policies", "ops")).data())
			.containsEntry("id", id);
		assertThat(this.root.call("POST", "identity/entity/id/" + id, Map.of("name", "crud-robert")).status())
			.isEqualTo(200);
		Map<String, Object> renamed = this.root.call("GET", "identity/entity/name/crud-robert", null).data();
		assertThat(renamed).containsEntry("id", id)
			.containsEntry("policies", List.of("ops"))
			.containsEntry("metadata", Map.of("team", "a"));
		assertThat(this.root.call("GET", "identity/entity/name/crud-bob", null).status()).isEqualTo(404);

		assertThat((List<String>) this.root.call("LIST", "identity/entity/id", null).data().get("keys")).contains(id);
		assertThat((List<String>) this.root.call("LIST", "identity/entity/name", null).data().get("keys"))
			.contains("crud-robert");

		String other = (String) this.root.call("POST", "identity/entity", Map.of("name", "crud-carol"))
			.data()
			.get("id");
		NodeClient.Response clash = this.root.call("POST", "identity/entity/id/" + other,
				Map.of("name", "crud-robert"));
		assertThat(clash.status()).isEqualTo(400);
		assertThat(clash.json()).isEqualTo(Map.of("errors", List.of("entity name is already in use")));
		assertThat(this.root.call("POST", "identity/entity/id/no-such-id", Map.of("name", "x")).json())
			.isEqualTo(Map.of("errors", List.of("entity not found from ID")));

		assertThat(this.root.call("DELETE", "identity/entity/id/" + id, null).status()).isEqualTo(204);
		assertThat(this.root.call("GET", "identity/entity/id/" + id, null).status()).isEqualTo(404);
		assertThat(this.root.call("DELETE", "identity/entity/name/crud-carol", null).status()).isEqualTo(204);
		assertThat(this.root.call("GET", "identity/entity/id/" + other, null).status()).isEqualTo(404);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aliasesNeedAKnownMountAndAreUniquePerMountAndEntity() {
		String entity = (String) this.root.call("POST", "identity/entity", Map.of("name", "alias-owner"))
			.data()
			.get("id");
		NodeClient.Response created = this.root.call("POST", "identity/entity-alias", Map.of("name", "dave",
				"mount_accessor", this.peopleAccessor, "canonical_id", entity, "custom_metadata", Map.of("site", "x")));
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.data()).containsEntry("canonical_id", entity);
		String aliasId = (String) created.data().get("id");
		assertThat(this.root.call("GET", "identity/entity-alias/id/" + aliasId, null).data())
			.containsEntry("name", "dave")
			.containsEntry("mount_accessor", this.peopleAccessor)
			.containsEntry("mount_path", "auth/people/")
			.containsEntry("mount_type", "userpass")
			.containsEntry("custom_metadata", Map.of("site", "x"));
		List<Map<String, Object>> aliases = (List<Map<String, Object>>) this.root
			.call("GET", "identity/entity/id/" + entity, null)
			.data()
			.get("aliases");
		assertThat(aliases).extracting((alias) -> alias.get("id")).containsExactly(aliasId);
		assertThat((List<String>) this.root.call("LIST", "identity/entity-alias/id", null).data().get("keys"))
			.contains(aliasId);

		assertError(
				this.root.call("POST", "identity/entity-alias",
						Map.of("name", "dave", "mount_accessor", this.peopleAccessor)),
				"combination of mount and alias name is already in use");
		assertError(
				this.root.call("POST", "identity/entity-alias",
						Map.of("name", "dave2", "mount_accessor", this.peopleAccessor, "canonical_id", entity)),
				"alias already exists for requested entity and mount accessor");
		assertError(
				this.root.call("POST", "identity/entity-alias",
						Map.of("name", "erin", "mount_accessor", "userpass_00000000")),
				"invalid mount accessor \"userpass_00000000\"");
		assertError(this.root.call("POST", "identity/entity-alias", Map.of("name", "erin")), "missing mount_accessor");
		assertError(
				this.root.call("POST", "identity/entity-alias",
						Map.of("name", "erin", "mount_accessor", this.peopleAccessor, "canonical_id", "nope")),
				"invalid canonical ID \"nope\"");

		// Deleting the entity deletes its aliases.
		assertThat(this.root.call("DELETE", "identity/entity/id/" + entity, null).status()).isEqualTo(204);
		assertThat(this.root.call("GET", "identity/entity-alias/id/" + aliasId, null).status()).isEqualTo(404);
	}

	@Test
	void aLoginCreatesItsEntityOnceAndItsTokensCarryIt() {
		this.root.call("POST", "auth/people/users/frank", Map.of("password", "pw", "token_policies", "default"));
		Map<String, Object> first = login("frank");
		String entityId = (String) first.get("entity_id");
		assertThat(entityId).isNotEmpty();
		assertThat(login("frank")).containsEntry("entity_id", entityId);

		Map<String, Object> entity = this.root.call("GET", "identity/entity/id/" + entityId, null).data();
		assertThat((String) entity.get("name")).startsWith("entity_");
		assertThat(entity.get("aliases").toString()).contains("name=frank", "mount_accessor=" + this.peopleAccessor);
		NodeClient.Response byAlias = this.root.call("POST", "identity/lookup/entity",
				Map.of("alias_name", "frank", "alias_mount_accessor", this.peopleAccessor));
		assertThat(byAlias.data()).containsEntry("id", entityId);

		NodeClient frank = client((String) first.get("client_token"));
		assertThat(frank.call("GET", "auth/token/lookup-self", null).data()).containsEntry("entity_id", entityId);
		// The default policy lets a token read its own entity, and no other.
		assertThat(frank.call("GET", "identity/entity/id/" + entityId, null).status()).isEqualTo(200);
		assertThat(frank.call("GET", "identity/entity/name/" + entity.get("name"), null).status()).isEqualTo(200);
		String someoneElse = (String) this.root.call("POST", "identity/entity", Map.of("name", "not-frank"))
			.data()
			.get("id");
		assertThat(frank.call("GET", "identity/entity/id/" + someoneElse, null).status()).isEqualTo(403);
		assertThat(frank.call("GET", "identity/entity/name/not-frank", null).status()).isEqualTo(403);
		assertThat(
				this.root.call("POST", "auth/token/lookup-accessor", Map.of("accessor", first.get("accessor"))).data())
			.containsEntry("entity_id", entityId);
		// A child token belongs to its parent's entity; the root token has none.
		this.root.call("PUT", "sys/policy/child-maker", Map.of("policy", """
				path "auth/token/create" { capabilities = ["update"] }
				"""));
		this.root.call("POST", "identity/entity/id/" + entityId, Map.of("policies", "child-maker"));
		assertThat(auth(frank.call("POST", "auth/token/create", Map.of("policies", "default"))))
			.containsEntry("entity_id", entityId);
		assertThat(auth(this.root.call("POST", "auth/token/create", Map.of()))).containsEntry("entity_id", "");
	}

	@Test
	@SuppressWarnings("unchecked")
	void anAppRoleLoginIsAliasedByItsRoleIdAndItsBatchTokenCarriesTheEntity() {
		assertThat(this.root.call("POST", "sys/auth/apps", Map.of("type", "approle")).status()).isEqualTo(204);
		assertThat(this.root
			.call("POST", "auth/apps/role/batcher",
					Map.of("token_type", "batch", "token_policies", "default", "token_ttl", "10m"))
			.status()).isEqualTo(204);
		String roleId = (String) this.root.call("GET", "auth/apps/role/batcher/role-id", null).data().get("role_id");
		NodeClient.Response login = client(null).call("POST", "auth/apps/login",
				Map.of("role_id", roleId, "secret_id", secretId("batcher")));
		assertThat(login.status()).isEqualTo(200);
		Map<String, Object> auth = auth(login);
		assertThat((String) auth.get("client_token")).startsWith("hvb.");
		String entityId = (String) auth.get("entity_id");
		assertThat(entityId).isNotEmpty();
		assertThat(client((String) auth.get("client_token")).call("GET", "auth/token/lookup-self", null).data())
			.containsEntry("entity_id", entityId)
			.containsEntry("type", "batch");
		List<Map<String, Object>> aliases = (List<Map<String, Object>>) this.root
			.call("GET", "identity/entity/id/" + entityId, null)
			.data()
			.get("aliases");
		assertThat(aliases).singleElement()
			.satisfies((alias) -> assertThat(alias).containsEntry("name", roleId)
				.containsEntry("mount_accessor", accessor("apps/"))
				.containsEntry("mount_type", "approle"));
		assertThat(auth(client(null).call("POST", "auth/apps/login",
				Map.of("role_id", roleId, "secret_id", secretId("batcher")))))
			.containsEntry("entity_id", entityId);
	}

	@Test
	void groupPoliciesApplyToMembersAndLeavingTheGroupRevokesThemAtOnce() {
		this.root.call("POST", "auth/people/users/grace", Map.of("password", "pw"));
		Map<String, Object> login = login("grace");
		String entityId = (String) login.get("entity_id");
		NodeClient grace = client((String) login.get("client_token"));
		assertThat(grace.call("GET", "secret/data/team/app", null).status()).isEqualTo(403);

		String inner = (String) this.root
			.call("POST", "identity/group",
					Map.of("name", "grp-inner", "policies", "team", "member_entity_ids", List.of(entityId)))
			.data()
			.get("id");
		assertThat(grace.call("GET", "secret/data/team/app", null).status()).isEqualTo(200);
		assertThat(grace.call("GET", "secret/data/ops/db", null).status()).isEqualTo(403);

		// A group holding the inner group passes its policies down to the inner
		// group's members.
		String outer = (String) this.root
			.call("POST", "identity/group", Map.of("name", "grp-outer", "policies", "ops", "member_group_ids", inner))
			.data()
			.get("id");
		assertThat(grace.call("GET", "secret/data/ops/db", null).status()).isEqualTo(200);
		Map<String, Object> self = grace.call("GET", "auth/token/lookup-self", null).data();
		assertThat(self).containsEntry("identity_policies", List.of("ops", "team"))
			.containsEntry("policies", List.of("default"));
		assertThat(auth(this.root.call("POST", "auth/people/login/grace", Map.of("password", "pw"))))
			.containsEntry("identity_policies", List.of("ops", "team"))
			.containsEntry("token_policies", List.of("default"))
			.containsEntry("policies", List.of("default", "ops", "team"));
		Map<String, Object> entity = this.root.call("GET", "identity/entity/id/" + entityId, null).data();
		assertThat(entity).containsEntry("direct_group_ids", List.of(inner))
			.containsEntry("inherited_group_ids", List.of(outer));
		assertThat(this.root.call("GET", "identity/group/name/grp-inner", null).data())
			.containsEntry("parent_group_ids", List.of(outer))
			.containsEntry("member_entity_ids", List.of(entityId));
		assertError(this.root.call("POST", "identity/group/id/" + inner, Map.of("member_group_ids", outer)),
				"cyclic relationship detected for member group ID \"" + outer + "\"");
		assertError(this.root.call("POST", "identity/group", Map.of("name", "grp-bad", "member_entity_ids", "nope")),
				"invalid member entity ID \"nope\"");

		// Leaving the group takes its policies away from the token already issued.
		this.root.call("POST", "identity/group/id/" + inner, Map.of("member_entity_ids", List.of()));
		assertThat(grace.call("GET", "secret/data/team/app", null).status()).isEqualTo(403);
		assertThat(grace.call("GET", "secret/data/ops/db", null).status()).isEqualTo(403);
		assertThat(this.root.call("POST", "identity/lookup/group", Map.of("name", "grp-outer")).data())
			.containsEntry("id", outer);
		assertThat(this.root.call("DELETE", "identity/group/id/" + outer, null).status()).isEqualTo(204);
		assertThat(this.root.call("GET", "identity/group/name/grp-inner", null).data())
			.containsEntry("parent_group_ids", null);
	}

	@Test
	void aDisabledEntityCannotLogInAndItsTokensAreRefused() {
		this.root.call("POST", "auth/people/users/heidi", Map.of("password", "pw", "token_policies", "team"));
		Map<String, Object> login = login("heidi");
		NodeClient heidi = client((String) login.get("client_token"));
		assertThat(heidi.call("GET", "secret/data/team/app", null).status()).isEqualTo(200);

		this.root.call("POST", "identity/entity/id/" + login.get("entity_id"), Map.of("disabled", true));
		assertThat(heidi.call("GET", "secret/data/team/app", null).status()).isEqualTo(403);
		assertThat(heidi.call("GET", "auth/token/lookup-self", null).status()).isEqualTo(403);
		NodeClient.Response refused = client(null).call("POST", "auth/people/login/heidi", Map.of("password", "pw"));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json()).isEqualTo(Map.of("errors", List.of("permission denied")));

		this.root.call("POST", "identity/entity/id/" + login.get("entity_id"), Map.of("disabled", false));
		assertThat(heidi.call("GET", "secret/data/team/app", null).status()).isEqualTo(200);
	}

	@Test
	void templatedPolicyPathsGrantEachEntityItsOwnPathsOnly() {
		this.root.call("PUT", "sys/policy/per-user", Map.of("policy", """
				path "secret/data/{{identity.entity.name}}/*" { capabilities = ["read", "create", "update"] }
				path "secret/data/by-login/{{ identity.entity.aliases.%s.name }}" { capabilities = ["read"] }
				path "secret/data/team-{{identity.entity.metadata.team}}/*" { capabilities = ["read"] }
				""".formatted(this.peopleAccessor)));
		String ivanEntity = (String) this.root
			.call("POST", "identity/entity", Map.of("name", "ivan", "metadata", Map.of("team", "blue")))
			.data()
			.get("id");
		this.root.call("POST", "identity/entity-alias",
				Map.of("name", "ivan-login", "mount_accessor", this.peopleAccessor, "canonical_id", ivanEntity));
		this.root.call("POST", "auth/people/users/ivan-login", Map.of("password", "pw", "token_policies", "per-user"));
		this.root.call("POST", "auth/people/users/judy", Map.of("password", "pw", "token_policies", "per-user"));
		for (String path : List.of("ivan/app", "judy/app", "by-login/ivan-login", "by-login/judy", "team-blue/x")) {
			this.root.call("POST", "secret/data/" + path, Map.of("data", Map.of("k", path)));
		}
		Map<String, Object> ivanLogin = login("ivan-login");
		assertThat(ivanLogin).containsEntry("entity_id", ivanEntity);
		NodeClient ivan = client((String) ivanLogin.get("client_token"));
		NodeClient judy = client((String) login("judy").get("client_token"));
		NodeClient noEntity = client(
				token(this.root.call("POST", "auth/token/create", Map.of("policies", "per-user", "no_parent", true))));

		assertThat(ivan.call("GET", "secret/data/ivan/app", null).status()).isEqualTo(200);
		assertThat(ivan.call("POST", "secret/data/ivan/new", Map.of("data", Map.of("k", "v"))).status()).isEqualTo(200);
		assertThat(ivan.call("GET", "secret/data/by-login/ivan-login", null).status()).isEqualTo(200);
		assertThat(ivan.call("GET", "secret/data/team-blue/x", null).status()).isEqualTo(200);
		assertThat(ivan.call("GET", "secret/data/judy/app", null).status()).isEqualTo(403);
		assertThat(ivan.call("GET", "secret/data/by-login/judy", null).status()).isEqualTo(403);

		assertThat(judy.call("GET", "secret/data/ivan/app", null).status()).isEqualTo(403);
		assertThat(judy.call("GET", "secret/data/by-login/judy", null).status()).isEqualTo(200);
		assertThat(judy.call("GET", "secret/data/team-blue/x", null).status()).isEqualTo(403);

		for (String path : List.of("ivan/app", "judy/app", "by-login/ivan-login", "team-blue/x")) {
			assertThat(noEntity.call("GET", "secret/data/" + path, null).status()).isEqualTo(403);
		}

		// Renaming the entity moves what the template grants.
		this.root.call("POST", "identity/entity/id/" + ivanEntity, Map.of("name", "judy"));
		assertThat(ivan.call("GET", "secret/data/ivan/app", null).status()).isEqualTo(403);
		assertThat(ivan.call("GET", "secret/data/judy/app", null).status()).isEqualTo(200);
	}

	@Test
	void identityIsAlwaysMountedAndLookupsCheckTheirCriteria() {
		assertThat(this.root.call("GET", "sys/mounts", null).data()).containsKey("identity/");
		assertError(this.root.call("POST", "identity/lookup/entity", Map.of()),
				"one of \"id\", \"name\", \"alias_id\" or a pair of \"alias_name\" and \"alias_mount_accessor\" must be supplied");
		assertError(this.root.call("POST", "identity/lookup/entity", Map.of("id", "a", "name", "b")),
				"only one of \"id\", \"name\", \"alias_id\" or a pair of \"alias_name\" and \"alias_mount_accessor\" can be supplied");
		assertThat(this.root.call("POST", "identity/lookup/entity", Map.of("name", "nobody")).status()).isEqualTo(204);
		NodeClient plain = client(token(this.root.call("POST", "auth/token/create", Map.of("policies", "team"))));
		assertThat(plain.call("GET", "identity/entity/name/anyone", null).status()).isEqualTo(403);
	}

	private Map<String, Object> login(String user) {
		NodeClient.Response login = client(null).call("POST", "auth/people/login/" + user, Map.of("password", "pw"));
		assertThat(login.status()).isEqualTo(200);
		return auth(login);
	}

	private String secretId(String role) {
		return (String) this.root.call("POST", "auth/apps/role/" + role + "/secret-id", Map.of())
			.data()
			.get("secret_id");
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

	private static String token(NodeClient.Response response) {
		return auth(response).get("client_token").toString();
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
