package io.coffer.secrets.pipeline;

import java.io.IOException;

import io.coffer.secrets.http.RequestReader;
import io.coffer.secrets.http.VaultHttpRequest;
import io.coffer.secrets.kernel.StreamedBody;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every logical Vault path under {@code /v1/}, for every HTTP verb including Vault's
 * {@code LIST}. The raw sys endpoints (init, seal-status, unseal, seal, health, leader)
 * have their own controllers and win by being more specific.
 */
@RestController
public class VaultController {

	private static final String PREFIX = "/v1/";

	private final RequestReader reader;

	private final RequestHandler handler;

	public VaultController(RequestReader reader, RequestHandler handler) {
		this.reader = reader;
		this.handler = handler;
	}

	@RequestMapping("/v1/**")
	public ResponseEntity<Object> handle(HttpServletRequest request) throws IOException {
		String uri = request.getRequestURI();
		String path = uri.startsWith(PREFIX) ? uri.substring(PREFIX.length()) : "";
		path = java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
		if (StreamedBody.streams(request.getMethod(), path)) {
			VaultHttpRequest streamed = this.reader.read(request, path, false);
			try {
				return StreamedBody.with(request.getInputStream(), () -> this.handler.handle(streamed));
			}
			catch (IOException | RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return this.handler.handle(this.reader.read(request, path));
	}

}
