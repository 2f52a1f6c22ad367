package io.coffer.secrets.seal.http;

import java.io.IOException;
import java.util.Map;

import io.coffer.secrets.http.RequestReader;
import io.coffer.secrets.seal.GenerateRootService;
import io.coffer.secrets.seal.GenerateRootStatus;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vault's raw, unauthenticated {@code sys/generate-root/*} endpoints (vault-api.md §1):
 * the quorum of keys is the authorization.
 */
@RestController
class GenerateRootController {

	private final GenerateRootService generateRoot;

	private final RequestReader reader;

	GenerateRootController(GenerateRootService generateRoot, RequestReader reader) {
		this.generateRoot = generateRoot;
		this.reader = reader;
	}

	@GetMapping("/v1/sys/generate-root/attempt")
	GenerateRootStatus status() {
		return this.generateRoot.status();
	}

	@RequestMapping(path = "/v1/sys/generate-root/attempt", method = { RequestMethod.PUT, RequestMethod.POST })
	GenerateRootStatus start(HttpServletRequest http) throws IOException {
		Map<String, Object> request = this.reader.body(http);
		return this.generateRoot.start(text(request, "otp"), text(request, "pgp_key"));
	}

	@DeleteMapping("/v1/sys/generate-root/attempt")
	ResponseEntity<Void> cancel() {
		this.generateRoot.cancel();
		return ResponseEntity.noContent().build();
	}

	@RequestMapping(path = "/v1/sys/generate-root/update", method = { RequestMethod.PUT, RequestMethod.POST })
	GenerateRootStatus update(HttpServletRequest http) throws IOException {
		Map<String, Object> request = this.reader.body(http);
		return this.generateRoot.update(text(request, "key"), text(request, "nonce"));
	}

	static String text(Map<String, Object> request, String name) {
		Object value = request.get(name);
		return (value != null) ? value.toString() : null;
	}

}
