package io.coffer.support.web.identity;

import java.net.http.HttpResponse;

import io.coffer.support.web.ServiceSupportWebTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service accepts only the callers it lists, each on its own paths: an unlisted caller
 * or a forged one is refused 401, a listed caller outside its paths 403 (both in Vault's
 * envelope, without detail), and the open endpoints answer without any identity.
 */
class CallerAllowListTest extends ServiceSupportWebTest {

	private static final String REFUSED = "{\"errors\":[\"missing or invalid internal identity\"]}";

	private static final String DENIED = "{\"errors\":[\"permission denied\"]}";

	@Test
	void aListedCallerIsServedOnItsPaths() {
		assertThat(call("GET", "/v1/secret/foo", identity(GATEWAY, "gateway")).statusCode()).isEqualTo(200);
		assertThat(call("DELETE", "/v1/secret/a/b", identity(GATEWAY, "gateway")).statusCode()).isEqualTo(200);
		HttpResponse<String> lease = call("PUT", "/internal/leases/renew", identity(LEASE, "lease-service"));
		assertThat(lease.statusCode()).isEqualTo(200);
		assertThat(lease.body()).isEqualTo("leases");
	}

	@Test
	void aListedCallerOutsideItsPathsIsRefused403() {
		HttpResponse<String> lease = call("GET", "/v1/secret/foo", identity(LEASE, "lease-service"));
		assertThat(lease.statusCode()).isEqualTo(403);
		assertThat(lease.body()).isEqualTo(DENIED);
		assertThat(lease.headers().firstValue("Cache-Control")).hasValue("no-store");

		HttpResponse<String> gateway = call("POST", "/internal/leases/revoke", identity(GATEWAY, "gateway"));
		assertThat(gateway.statusCode()).isEqualTo(403);
		assertThat(gateway.body()).isEqualTo(DENIED);
	}

	@Test
	void aCallerTheServiceDoesNotListIsRefused401() {
		for (String path : new String[] { "/v1/secret/foo", "/internal/leases/renew" }) {
			HttpResponse<String> response = call("GET", path, identity(AUDIT, "audit-service"));
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.body()).isEqualTo(REFUSED);
			assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		}
	}

	@Test
	void aCallerCannotSpeakForAnother() {
		// lease-service's key under the gateway's name, and an unlisted key under it
		assertThat(call("GET", "/v1/secret/foo", identity(LEASE, "gateway")).statusCode()).isEqualTo(401);
		assertThat(call("GET", "/v1/secret/foo", identity(AUDIT, "gateway")).statusCode()).isEqualTo(401);
		assertThat(call("GET", "/internal/leases/x", identity(GATEWAY, "lease-service")).statusCode()).isEqualTo(401);
	}

	@Test
	void aCallWithoutIdentityIsRefused401() {
		HttpResponse<String> response = call("GET", "/v1/secret/foo", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo(REFUSED);
		assertThat(call("GET", "/internal/leases/x", "garbage").statusCode()).isEqualTo(401);
	}

	@Test
	void openEndpointsNeedNoIdentity() {
		assertThat(call("GET", "/v1/sys/health", null).body()).isEqualTo("health");
		assertThat(call("GET", "/v1/sys/init", null).body()).isEqualTo("init");
		assertThat(call("PUT", "/v1/sys/unseal", null).body()).isEqualTo("unseal");
		assertThat(call("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(call("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
		// ...and only those: another verb on an open path, or another actuator endpoint
		assertThat(call("PUT", "/v1/sys/init", null).statusCode()).isEqualTo(401);
		assertThat(call("GET", "/actuator/info", null).statusCode()).isEqualTo(401);
	}

}
