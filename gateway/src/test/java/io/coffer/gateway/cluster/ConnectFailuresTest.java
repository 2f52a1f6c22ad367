package io.coffer.gateway.cluster;

import java.util.concurrent.TimeoutException;
import java.io.IOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectFailuresTest {

	@Test
	void refusedConnectionIsRecognisedThroughWrappers() {
		assertThat(ConnectFailures.isConnectFailure(new IllegalStateException(new ConnectException("refused"))))
			.isTrue();
	}

	@Test
	void failureAfterSendingIsNotAConnectFailure() {
		assertThat(ConnectFailures.isConnectFailure(new IOException("Connection reset by peer"))).isFalse();
		assertThat(ConnectFailures.isConnectFailure(new TimeoutException())).isFalse();
	}

}
