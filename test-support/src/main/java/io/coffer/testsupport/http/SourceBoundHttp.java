package io.coffer.testsupport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client whose connections leave from a chosen local address, so one
 * test can play clients at different source addresses (127.0.0.2, 127.0.0.3: all of
 * 127.0.0.0/8 is loopback). The JDK's HttpClient cannot bind its local address. One
 * request per connection ({@code Connection: close}); chunked and fixed-length answers.
 * Answers are the same {@link VaultReply} as {@link VaultHttp}'s.
 */
public final class SourceBoundHttp {

	private static final int TIMEOUT_MILLIS = 30_000;

	private final InetAddress source;

	private final URI baseUri;

	public SourceBoundHttp(String sourceAddress, URI baseUri) {
		try {
			// An IP literal: no lookup happens.
			this.source = InetAddress.getByName(sourceAddress);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.baseUri = baseUri;
	}

	public VaultReply post(String path, Object body, String token) {
		return send("POST", path, body, token, Map.of());
	}

	public VaultReply get(String path, String token) {
		return send("GET", path, null, token, Map.of());
	}

	/** Sends {@code method} to {@code /v1/<path>} with extra {@code headers}. */
	public VaultReply send(String method, String path, Object body, String token, Map<String, String> headers) {
		byte[] content = (body == null) ? new byte[0] : Json.text(body).getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder();
		head.append(method).append(" /v1/").append(path).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(this.baseUri.getHost()).append(':').append(this.baseUri.getPort()).append("\r\n");
		head.append("Connection: close\r\n");
		head.append("Content-Length: ").append(content.length).append("\r\n");
		if (content.length > 0) {
			head.append("Content-Type: application/json\r\n");
		}
		if (token != null) {
			head.append("X-Vault-Token: ").append(token).append("\r\n");
		}
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.bind(new InetSocketAddress(this.source, 0));
			socket.connect(new InetSocketAddress(this.baseUri.getHost(), this.baseUri.getPort()), TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return parse(VaultReply.requestLine(method, path), socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " /v1/" + path + " from " + this.source + " failed", ex);
		}
	}

	private static VaultReply parse(String request, byte[] raw) throws IOException {
		int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
		if (end < 0) {
			throw new IOException("incomplete HTTP response");
		}
		String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.computeIfAbsent(lines[i].substring(0, colon).trim(), (name) -> new ArrayList<>())
				.add(lines[i].substring(colon + 1).trim());
		}
		HttpHeaders parsed = HttpHeaders.of(headers, (name, value) -> true);
		int start = end + 4;
		boolean chunked = parsed.firstValue("Transfer-Encoding")
			.map((value) -> value.toLowerCase(Locale.ROOT).contains("chunked"))
			.orElse(false);
		byte[] body = chunked ? dechunk(raw, start) : Arrays.copyOfRange(raw, start, raw.length);
		return new VaultReply(request, status, parsed, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] raw, int from) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int position = from;
		while (true) {
			int lineEnd = indexOf(raw, new byte[] { '\r', '\n' }, position);
			if (lineEnd < 0) {
				throw new IOException("malformed chunked body");
			}
			String sizeText = new String(raw, position, lineEnd - position, StandardCharsets.ISO_8859_1).split(";")[0]
				.trim();
			int size = Integer.parseInt(sizeText, 16);
			if (size == 0) {
				return out.toByteArray();
			}
			out.write(raw, lineEnd + 2, size);
			position = lineEnd + 2 + size + 2;
		}
	}

	private static int indexOf(byte[] data, byte[] pattern, int from) {
		outer: for (int i = from; i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
