package io.coffer.support.web.error;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.coffer.support.web.ServiceSupportWebTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer of a service is Vault's: errors in {@code {"errors":[...]}} with Vault's
 * status, never an exception's own message; {@code Cache-Control: no-store} on
 * everything; the gateway's request id kept, anything else replaced.
 */
class VaultErrorHandlerTest extends ServiceSupportWebTest {

	@Test
	void aVaultErrorIsAnsweredWithItsStatusAndMessages() {
		HttpResponse<String> response = call("GET", "/v1/fail/vault", identity(GATEWAY, "gateway"));

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).isEqualTo("{\"errors\":[\"check-and-set parameter did not match\"]}");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(call("GET", "/v1/fail/empty", identity(GATEWAY, "gateway")).body()).isEqualTo("{\"errors\":[]}");
	}

	@Test
	void anUnexpectedErrorIsAnInternalErrorWithoutItsMessage() {
		HttpResponse<String> response = call("GET", "/v1/fail/unexpected", identity(GATEWAY, "gateway"));

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).isEqualTo("{\"errors\":[\"internal error\"]}").doesNotContain("sensitive");
	}

	@Test
	void anUnsupportedMethodIs405() {
		HttpResponse<String> response = call("POST", "/v1/fail/vault", identity(GATEWAY, "gateway"));

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.body()).isEqualTo("{\"errors\":[\"unsupported operation\"]}");
	}

	@Test
	void everyAnswerIsNoStore() {
		assertThat(call("GET", "/v1/secret/foo", identity(GATEWAY, "gateway")).headers().firstValue("Cache-Control"))
			.hasValue("no-store");
		assertThat(call("GET", "/v1/sys/health", null).headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(call("GET", "/v1/fail/vault", identity(GATEWAY, "gateway")).headers().firstValue("Cache-Control"))
			.hasValue("no-store");
	}

	@Test
	void theGatewaysRequestIdIsKeptAndAnythingElseReplaced() {
		String id = UUID.randomUUID().toString();
		assertThat(call("GET", "/v1/secret/foo", identity(GATEWAY, "gateway"), "X-Coffer-Request-Id", id).body())
			.isEqualTo("secret " + id);
		String replaced = call("GET", "/v1/secret/foo", identity(GATEWAY, "gateway"), "X-Coffer-Request-Id", "<script>")
			.body();
		assertThat(replaced).doesNotContain("script");
		assertThat(UUID.fromString(replaced.substring("secret ".length()))).isNotNull();
	}

}
