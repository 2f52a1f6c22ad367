package io.coffer.secrets.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request, so a test can send what
 * {@link java.net.http.HttpClient} refuses to: any method token, raw and invalid
 * percent-encodings, bodies that are not what their content type says.
 */
final class RawHttp {

	/** A response; {@code status} is -1 when the server sent no status line. */
	record Reply(int status, String head, String body) {
	}

	/** The server did not answer within the timeout. */
	static final class NoAnswerException extends IOException {

		NoAnswerException(String message) {
			super(message);
		}

	}

	private final int port;

	private final Duration timeout;

	RawHttp(int port, Duration timeout) {
		this.port = port;
		this.timeout = timeout;
	}

	Reply send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), (int) this.timeout.toMillis());
			socket.setSoTimeout((int) this.timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			StringBuilder head = new StringBuilder();
			head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			head.append("Host: 127.0.0.1:").append(this.port).append("\r\n");
			head.append("Connection: close\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
			try {
				out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// the server may answer (400, 413) and close before reading the whole
				// request
			}
			return read(socket.getInputStream());
		}
		catch (SocketTimeoutException ex) {
			throw new NoAnswerException("no answer within " + this.timeout);
		}
	}

	private static Reply read(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		String text = all.toString(StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		String head = (end < 0) ? text : text.substring(0, end);
		String body = (end < 0) ? "" : text.substring(end + 4);
		if (!head.startsWith("HTTP/1.1 ") || head.length() < 12) {
			return new Reply(-1, head, body);
		}
		return new Reply(Integer.parseInt(head.substring(9, 12)), head, body);
	}

}
