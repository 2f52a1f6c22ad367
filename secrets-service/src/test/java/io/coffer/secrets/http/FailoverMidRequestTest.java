package io.coffer.secrets.http;

import java.util.List;
import java.util.Map;

import io.coffer.common.VaultHeaders;
import io.coffer.secrets.ha.FakeHaCluster;
import io.coffer.secrets.storage.StepDownStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that loses the active role in the middle of a request (lock lost or
 * {@code sys/step-down} between two writes). The gateway sends a request again only when
 * the node marks its refusal "not executed"; a request that already wrote must not carry
 * that mark, or one login would take two uses of a SecretID.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "coffer.auth.userpass.bcrypt-cost=4")
@Import(InMemoryNodeConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverMidRequestTest {

	@LocalServerPort
	int port;

	@Autowired
	StepDownStorage storage;

	@Autowired
	FakeHaCluster ha;

	NodeClient root;

	@BeforeAll
	void unsealed() {
		this.root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
	}

	@AfterEach
	void active() {
		this.ha.joinElection();
	}

	@Test
	void aLoginCutAfterItTookASecretIdUseIsNotReplayableAndSpendsOneUse() {
		this.root.call("POST", "sys/auth/approle", Map.of("type", "approle"));
		this.root.call("POST", "auth/approle/role/app", Map.of("secret_id_num_uses", 2));
		String roleId = (String) this.root.call("GET", "auth/approle/role/app/role-id", null).data().get("role_id");
		String secretId = (String) this.root.call("POST", "auth/approle/role/app/secret-id", Map.of())
			.data()
			.get("secret_id");
		Map<String, String> credentials = Map.of("role_id", roleId, "secret_id", secretId);
		NodeClient anonymous = new NodeClient(this.root.base());

		this.storage.stepDownAfter(1);
		NodeClient.Response cut = anonymous.call("POST", "auth/approle/login", credentials);

		assertThat(cut.status()).isEqualTo(503);
		assertThat(cut.header(VaultHeaders.COFFER_NOT_EXECUTED)).isNull();
		assertThat(cut.json()).isEqualTo(Map.of("errors", List.of(ErrorHandler.LOST_ACTIVE_ROLE)));
		this.ha.joinElection();
		assertThat(
				this.root.call("POST", "auth/approle/role/app/secret-id/lookup", Map.of("secret_id", secretId)).data())
			.containsEntry("secret_id_num_uses", 1);
		assertThat(anonymous.call("POST", "auth/approle/login", credentials).status()).isEqualTo(200);
		assertThat(anonymous.call("POST", "auth/approle/login", credentials).status()).isEqualTo(400);
	}

	@Test
	void aRequestCutAfterItTookATokenUseIsNotReplayable() {
		String limited = (String) ((Map<?, ?>) this.root
			.call("POST", "auth/token/create", Map.of("policies", "default", "num_uses", 3))
			.json()
			.get("auth")).get("client_token");
		NodeClient client = new NodeClient(this.root.base()).token(limited);

		this.storage.stepDownAfter(1);
		NodeClient.Response cut = client.call("POST", "cubbyhole/note", Map.of("k", "v"));

		assertThat(cut.status()).isEqualTo(503);
		assertThat(cut.header(VaultHeaders.COFFER_NOT_EXECUTED)).isNull();
		assertThat(cut.json()).isEqualTo(Map.of("errors", List.of(ErrorHandler.LOST_ACTIVE_ROLE)));
		this.ha.joinElection();
		assertThat(client.call("GET", "auth/token/lookup-self", null).data()).containsEntry("num_uses", 1);
	}

	@Test
	void aRefusalBeforeAnyWriteIsMarkedNotExecuted() {
		this.ha.leaveElection();
		NodeClient.Response refused = this.root.call("POST", "sys/policy/p", Map.of("policy", ""));

		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.header(VaultHeaders.COFFER_NOT_EXECUTED)).isEqualTo("true");
	}

}
