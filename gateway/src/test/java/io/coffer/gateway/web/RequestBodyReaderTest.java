package io.coffer.gateway.web;

import java.security.SecureRandom;
import java.util.UUID;

import io.coffer.gateway.error.RequestTooLargeException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyReaderTest {

	private final RequestBodyReader reader = new RequestBodyReader(10);

	@Test
	void bodyUpToTheLimitIsReadWhole() {
		StepVerifier.create(this.reader.read(chunks("01234", "56789")))
			.assertNext((bytes) -> assertThat(new String(bytes)).isEqualTo("0123456789"))
			.verifyComplete();
	}

	@Test
	void bodyOverTheLimitIsTooLarge() {
		StepVerifier.create(this.reader.read(chunks("01234", "56789", "x")))
			.verifyError(RequestTooLargeException.class);
	}

	@Test
	void missingBodyIsEmpty() {
		StepVerifier.create(this.reader.read(Flux.empty()))
			.assertNext((bytes) -> assertThat(bytes).isEmpty())
			.verifyComplete();
	}

	@Test
	void requestIdsAreDistinctVersion4Uuids() {
		RequestIds ids = new RequestIds(new SecureRandom());
		UUID first = UUID.fromString(ids.next());
		UUID second = UUID.fromString(ids.next());

		assertThat(first.version()).isEqualTo(4);
		assertThat(first.variant()).isEqualTo(2);
		assertThat(first).isNotEqualTo(second);
	}

	private static Flux<DataBuffer> chunks(String... parts) {
		return Flux.fromArray(parts).map((part) -> DefaultDataBufferFactory.sharedInstance.wrap(part.getBytes()));
	}

}
