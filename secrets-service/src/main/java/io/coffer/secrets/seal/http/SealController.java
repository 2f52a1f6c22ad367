package io.coffer.secrets.seal.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.coffer.common.VaultHeaders;
import io.coffer.secrets.http.RequestReader;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.AclDecision;
import io.coffer.secrets.policy.PolicyService;
import io.coffer.secrets.seal.InitRequest;
import io.coffer.secrets.seal.InitResult;
import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.seal.SealStatus;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultIntegers;
import io.coffer.secrets.token.TokenStore;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vault's raw seal lifecycle endpoints of this node (no envelope; they work while
 * sealed). Through the gateway the cluster behaves as one: it applies unseal and seal to
 * every node.
 */
@RestController
public class SealController {

	private final SealService seal;

	private final TokenStore tokens;

	private final PolicyService policies;

	private final RequestReader reader;

	SealController(SealService seal, TokenStore tokens, PolicyService policies, RequestReader reader) {
		this.seal = seal;
		this.tokens = tokens;
		this.policies = policies;
		this.reader = reader;
	}

	@GetMapping("/v1/sys/init")
	Map<String, Object> initialized() {
		return Map.of("initialized", this.seal.isInitialized());
	}

	@RequestMapping(path = "/v1/sys/init", method = { RequestMethod.PUT, RequestMethod.POST })
	InitResult init(HttpServletRequest http) throws IOException {
		Map<String, Object> request = this.reader.body(http);
		if (nonEmptyList(request.get("pgp_keys")) || notBlank(request.get("root_token_pgp_key"))) {
			throw VaultException.badRequest("PGP-encrypted key shares are not supported by Coffer");
		}
		if (nonEmptyList(request.get("recovery_pgp_keys"))) {
			throw VaultException.badRequest("PGP-encrypted recovery key shares are not supported by Coffer");
		}
		return this.seal.init(new InitRequest(intValue(request.get("secret_shares"), "secret_shares"),
				intValue(request.get("secret_threshold"), "secret_threshold"),
				intValue(request.get("recovery_shares"), "recovery_shares"),
				intValue(request.get("recovery_threshold"), "recovery_threshold")));
	}

	@GetMapping("/v1/sys/seal-status")
	SealStatus status() {
		return this.seal.status();
	}

	@RequestMapping(path = "/v1/sys/unseal", method = { RequestMethod.PUT, RequestMethod.POST })
	SealStatus unseal(HttpServletRequest http) throws IOException {
		Map<String, Object> request = this.reader.body(http);
		boolean reset = flag(request, "reset");
		boolean migrate = flag(request, "migrate");
		Object key = request.get("key");
		return this.seal.unseal((key != null) ? key.toString() : null, reset, migrate);
	}

	@RequestMapping(path = "/v1/sys/seal", method = { RequestMethod.PUT, RequestMethod.POST })
	ResponseEntity<Void> seal(@RequestHeader(name = VaultHeaders.TOKEN, required = false) String token,
			@RequestHeader(name = "Authorization", required = false) String authorization) {
		if (this.seal.isSealed()) {
			throw new VaultException(503, "Vault is sealed");
		}
		String presented = (token != null) ? token
				: (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7) : null;
		TokenEntry caller = this.tokens.lookup(presented)
			.filter(TokenStore::usableByClient)
			.orElseThrow(VaultException::permissionDenied);
		AclDecision decision = this.policies.check(caller, "sys/seal", Operation.UPDATE, Map.of(), true);
		if (!decision.allowed() || !decision.sudo()) {
			throw VaultException.permissionDenied();
		}
		this.seal.seal();
		return ResponseEntity.noContent().build();
	}

	private static boolean flag(Map<String, Object> request, String name) {
		return request.containsKey(name) && GoBool.of(request.get(name))
			.orElseThrow(() -> VaultException.badRequest("'" + name + "' must be a boolean"));
	}

	static int intValue(Object value, String field) {
		return VaultIntegers.parseInt(value, field, 0);
	}

	static boolean nonEmptyList(Object value) {
		return value instanceof List<?> list && !list.isEmpty();
	}

	static boolean notBlank(Object value) {
		return value != null && !value.toString().isBlank();
	}

}
