package io.coffer.secrets.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A response body sent as it is instead of Vault's JSON envelope (a snapshot). Its
 * content is read once, streamed to the client; {@link #close()} releases it when the
 * response is not sent.
 *
 * @param contentType the media type, e.g. {@code application/octet-stream}
 * @param length the exact length in bytes
 * @param content the bytes, positioned at the start
 */
public record BinaryBody(String contentType, long length, InputStream content) implements AutoCloseable {

	@Override
	public void close() {
		try {
			this.content.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return "BinaryBody[" + this.contentType + ", " + this.length + " bytes]";
	}

}
