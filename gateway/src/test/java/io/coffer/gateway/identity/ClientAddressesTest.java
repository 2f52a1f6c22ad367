package io.coffer.gateway.identity;

import java.net.InetSocketAddress;
import java.util.List;

import io.coffer.gateway.error.ForwardedForRejectedException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Vault's {@code x_forwarded_for_*} listener rules, applied by the gateway. */
class ClientAddressesTest {

	private static final ForwardedForProperties OFF = new ForwardedForProperties(List.of(), 0, true, true);

	@Test
	void withoutTrustedProxiesTheTcpPeerIsTheClientWhateverTheHeaderSays() {
		ClientAddresses addresses = new ClientAddresses(OFF);

		assertThat(addresses.resolve(request("127.0.0.3", "127.0.0.2"))).isEqualTo("127.0.0.3");
		assertThat(addresses.resolve(request("127.0.0.3", null))).isEqualTo("127.0.0.3");
	}

	@Test
	void aTrustedProxyForwardsTheRightMostAddressAfterTheHopSkips() {
		ClientAddresses trusting = new ClientAddresses(
				new ForwardedForProperties(List.of("10.0.0.0/24"), 0, true, true));
		ClientAddresses skipping = new ClientAddresses(
				new ForwardedForProperties(List.of("10.0.0.0/24"), 1, true, true));

		assertThat(trusting.resolve(request("10.0.0.7", "203.0.113.1, 198.51.100.2"))).isEqualTo("198.51.100.2");
		assertThat(skipping.resolve(request("10.0.0.7", "203.0.113.1, 198.51.100.2"))).isEqualTo("203.0.113.1");
		assertThatExceptionOfType(ForwardedForRejectedException.class)
			.isThrownBy(() -> skipping.resolve(request("10.0.0.7", "203.0.113.1")))
			.withMessageContaining("hops to skip (1)");
		assertThatExceptionOfType(ForwardedForRejectedException.class)
			.isThrownBy(() -> trusting.resolve(request("10.0.0.7", "proxy.example")))
			.withMessage("the x-forwarded-for client address is not an IP address");
	}

	@Test
	void vaultsRejectionsApplyUnlessTurnedOff() {
		ClientAddresses strict = new ClientAddresses(new ForwardedForProperties(List.of("10.0.0.0/24"), 0, true, true));
		ClientAddresses lenient = new ClientAddresses(
				new ForwardedForProperties(List.of("10.0.0.0/24"), 0, false, false));

		assertThatExceptionOfType(ForwardedForRejectedException.class)
			.isThrownBy(() -> strict.resolve(request("127.0.0.3", "127.0.0.2")))
			.withMessage("client address not authorized for x-forwarded-for and configured to reject connection");
		assertThatExceptionOfType(ForwardedForRejectedException.class)
			.isThrownBy(() -> strict.resolve(request("10.0.0.7", null)))
			.withMessage("missing x-forwarded-for header and configured to reject when not present");
		assertThat(lenient.resolve(request("127.0.0.3", "127.0.0.2"))).isEqualTo("127.0.0.3");
		assertThat(lenient.resolve(request("10.0.0.7", null))).isEqualTo("10.0.0.7");
	}

	@Test
	void trustedProxiesMustBeAddressLiterals() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ForwardedForProperties(List.of("lb.internal"), 0, true, true))
			.withMessageContaining("host names are not resolved");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ForwardedForProperties(List.of("10.0.0.1"), -1, true, true));
	}

	private static MockServerHttpRequest request(String peer, String forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get("/v1/secret/data/x")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (forwardedFor != null) {
			builder.header("X-Forwarded-For", forwardedFor);
		}
		return builder.build();
	}

}
