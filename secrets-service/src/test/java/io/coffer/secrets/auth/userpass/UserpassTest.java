package io.coffer.secrets.auth.userpass;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.identity.FromAddress;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.TokenFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Userpass users and logins. */
class UserpassTest {

	private final TokenFixture fixture = new TokenFixture();

	private final MountEntry mount = new MountEntry("auth/userpass/", "userpass", "", "auth_userpass_1",
			UUID.randomUUID().toString(), new MountEntry.MountConfig(0, 7200, false), null);

	private final BarrierView view = this.fixture.barrier.view("auth/" + this.mount.uuid() + "/");

	private final AuthMethod method = new UserpassFactory(new SecureRandom(), 4).create(this.mount, this.view);

	@Test
	void aUserLogsInAndGetsTheirPoliciesBoundedByTheMount() {
		call(Operation.UPDATE, "users/Alice",
				Map.of("password", "s3cret!", "token_policies", "dev,ops", "token_ttl", "1h", "token_max_ttl", "3h"));
		LogicalResponse login = login("alice", "s3cret!");
		assertThat(login.auth()).containsEntry("policies", List.of("default", "dev", "ops"))
			.containsEntry("lease_duration", 3600L)
			.containsEntry("metadata", Map.of("username", "alice"));
		TokenEntry entry = this.fixture.entry((String) login.auth().get("client_token"));
		assertThat(entry.displayName()).isEqualTo("userpass-alice");
		assertThat(entry.path()).isEqualTo("auth/userpass/login/alice");
		assertThat(entry.maxTtl()).isEqualTo(7200);
	}

	@Test
	void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
		call(Operation.UPDATE, "users/bob", Map.of("password", "right"));
		assertThatThrownBy(() -> login("bob", "wrong")).isInstanceOf(VaultException.class)
			.hasMessage("invalid username or password")
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(400);
		assertThatThrownBy(() -> login("nobody", "right")).hasMessage("invalid username or password");
		assertThatThrownBy(() -> login("bob", "")).hasMessage("invalid username or password");
	}

	@Test
	void onlyABcryptHashOfThePasswordIsStoredAndNeverReturned() {
		call(Operation.UPDATE, "users/carol", Map.of("password", "correct horse battery staple"));
		String stored = new String(this.view.get("user/carol").orElseThrow(), StandardCharsets.UTF_8);
		assertThat(stored).contains("$2b$04$").doesNotContain("correct horse");
		Map<String, Object> read = call(Operation.READ, "users/carol", Map.of()).data();
		assertThat(read.toString()).doesNotContain("$2b$");
		assertThat(read).containsKeys("token_policies", "token_ttl").doesNotContainKey("password");
	}

	@Test
	void passwordsLongerThanBcryptsLimitKeepEveryCharacter() {
		String longPassword = "x".repeat(100);
		call(Operation.UPDATE, "users/dave", Map.of("password", longPassword + "A"));
		assertThat(login("dave", longPassword + "A").auth()).containsKey("client_token");
		assertThatThrownBy(() -> login("dave", longPassword + "B")).hasMessage("invalid username or password");
	}

	@Test
	void surroundingSpacesArePartOfThePassword() {
		call(Operation.UPDATE, "users/frank", Map.of("password", "  spaced out  "));
		assertThat(login("frank", "  spaced out  ").auth()).containsKey("client_token");
		assertThatThrownBy(() -> login("frank", "spaced out")).hasMessage("invalid username or password");
		call(Operation.UPDATE, "users/grace", Map.of("password", "plain"));
		assertThatThrownBy(() -> login("grace", " plain ")).hasMessage("invalid username or password");
	}

	@Test
	void passwordAndPoliciesChangeAndUsersAreListedAndDeleted() {
		assertThatThrownBy(() -> call(Operation.UPDATE, "users/erin", Map.of("token_policies", "dev")))
			.hasMessage("missing password");
		call(Operation.UPDATE, "users/erin", Map.of("password", "one"));
		call(Operation.UPDATE, "users/erin/password", Map.of("password", "two"));
		assertThatThrownBy(() -> login("erin", "one")).hasMessage("invalid username or password");
		call(Operation.UPDATE, "users/erin/policies", Map.of("policies", List.of("audit")));
		assertThat(login("erin", "two").auth()).containsEntry("policies", List.of("audit", "default"));
		call(Operation.UPDATE, "users/erin", Map.of("token_ttl", "5m"));
		assertThat(login("erin", "two").auth()).containsEntry("lease_duration", 300L);
		assertThat(call(Operation.LIST, "users/", Map.of()).data()).containsEntry("keys", List.of("erin"));
		call(Operation.DELETE, "users/erin", Map.of());
		assertThatThrownBy(() -> login("erin", "two")).hasMessage("invalid username or password");
	}

	@Test
	void onlyLoginPathsAreUnauthenticated() {
		assertThat(this.method.isLoginPath("login/alice")).isTrue();
		assertThat(this.method.isLoginPath("login/")).isFalse();
		assertThat(this.method.isLoginPath("users/alice")).isFalse();
	}

	private LogicalResponse login(String user, String password) {
		LogicalRequest request = new LogicalRequest(Operation.UPDATE, "login/" + user, Map.of("password", password),
				this.mount, "req");
		return this.fixture.issuer.login(this.method.login(request));
	}

	@Test
	void aUserBoundToBlocksLogsInOnlyFromInsideThemAndItsTokenStaysBound() {
		call(Operation.UPDATE, "users/carol", Map.of("password", "pw", "token_bound_cidrs", "127.0.0.2/32"));
		call(Operation.UPDATE, "users/dave", Map.of("password", "pw", "bound_cidrs", List.of("10.0.0.0/8")));

		assertThatThrownBy(() -> FromAddress.call("127.0.0.3", () -> login("carol", "pw")))
			.isInstanceOf(VaultException.class)
			.hasMessage("permission denied")
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(403);
		String token = (String) FromAddress.call("127.0.0.2", () -> login("carol", "pw")).auth().get("client_token");
		assertThat(this.fixture.entry(token).boundCidrs()).containsExactly("127.0.0.2/32");
		assertThat(call(Operation.READ, "users/dave", Map.of()).data()).containsEntry("token_bound_cidrs",
				List.of("10.0.0.0/8"));
	}

	@Test
	void fieldsCofferDoesNotImplementAreRefused() {
		assertThatThrownBy(() -> call(Operation.UPDATE, "users/erin",
				Map.of("password_hash", "$2a$10$abcdefghijklmnopqrstuuWm0yMqZp0nUQ3Vb3yqk1nLHc0e1Sx2y")))
			.hasMessageStartingWith("field \"password_hash\" is not supported")
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(400);
		assertThatThrownBy(() -> call(Operation.UPDATE, "users/erin", Map.of("password", "pw", "bound_cidrs", "host")))
			.hasMessageStartingWith("invalid CIDR block in \"bound_cidrs\"");
		assertThatThrownBy(() -> call(Operation.READ, "users/erin", Map.of()))
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(404);
	}

	private LogicalResponse call(Operation operation, String path, Map<String, Object> data) {
		LogicalRequest request = new LogicalRequest(operation, path, data, this.mount, "req");
		if (operation == Operation.UPDATE && !this.method.exists(request)) {
			request = new LogicalRequest(Operation.CREATE, path, data, this.mount, "req");
		}
		return this.method.handle(request);
	}

}
