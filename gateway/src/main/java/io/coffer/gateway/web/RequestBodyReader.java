package io.coffer.gateway.web;

import io.coffer.gateway.error.RequestTooLargeException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Reads a whole request body, up to the limit. The body is kept so that a request refused
 * by a standby can be sent again to the new active node; a streamed body that grows past
 * the limit fails with {@link RequestTooLargeException}.
 */
public class RequestBodyReader {

	private static final byte[] EMPTY = new byte[0];

	private final int maxBytes;

	public RequestBodyReader(long maxBytes) {
		this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
	}

	public long maxBytes() {
		return this.maxBytes;
	}

	public Mono<byte[]> read(Flux<DataBuffer> body) {
		return DataBufferUtils.join(body, this.maxBytes)
			.map(RequestBodyReader::drain)
			.onErrorMap(DataBufferLimitException.class, (error) -> new RequestTooLargeException())
			.defaultIfEmpty(EMPTY);
	}

	private static byte[] drain(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
