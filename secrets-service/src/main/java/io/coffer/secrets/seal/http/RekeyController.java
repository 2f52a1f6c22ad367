package io.coffer.secrets.seal.http;

import java.io.IOException;
import java.util.Map;

import io.coffer.secrets.http.RequestReader;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.seal.RekeyAnswer;
import io.coffer.secrets.seal.RekeyService;
import io.coffer.secrets.seal.RekeyStatus;
import io.coffer.secrets.support.GoBool;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vault's raw, unauthenticated rekey endpoints: {@code sys/rekey/*} for the Shamir unseal
 * keys and {@code sys/rekey-recovery-key/*} for the recovery keys of an auto seal. PGP
 * encryption, backups and verification are not supported and are refused.
 */
@RestController
class RekeyController {

	private static final String PATHS = "/v1/sys/{kind:rekey|rekey-recovery-key}";

	private final RekeyService rekey;

	private final RequestReader reader;

	RekeyController(RekeyService rekey, RequestReader reader) {
		this.rekey = rekey;
		this.reader = reader;
	}

	@GetMapping(PATHS + "/init")
	RekeyStatus status(@PathVariable String kind) {
		return this.rekey.status(recovery(kind));
	}

	@RequestMapping(path = PATHS + "/init", method = { RequestMethod.PUT, RequestMethod.POST })
	RekeyStatus start(@PathVariable String kind, HttpServletRequest http) throws IOException {
		Map<String, Object> request = this.reader.body(http);
		if (SealController.nonEmptyList(request.get("pgp_keys"))) {
			throw VaultException.badRequest("PGP-encrypted key shares are not supported by Coffer");
		}
		if (flag(request, "backup")) {
			throw VaultException.badRequest("rekey backups are not supported by Coffer (they need PGP keys)");
		}
		if (flag(request, "require_verification")) {
			throw VaultException.badRequest("rekey verification is not supported by Coffer");
		}
		return this.rekey.start(recovery(kind), SealController.intValue(request.get("secret_shares"), "secret_shares"),
				SealController.intValue(request.get("secret_threshold"), "secret_threshold"));
	}

	@DeleteMapping(PATHS + "/init")
	ResponseEntity<Void> cancel(@PathVariable String kind) {
		this.rekey.cancel(recovery(kind));
		return ResponseEntity.noContent().build();
	}

	@RequestMapping(path = PATHS + "/update", method = { RequestMethod.PUT, RequestMethod.POST })
	RekeyAnswer update(@PathVariable String kind, HttpServletRequest http) throws IOException {
		Map<String, Object> request = this.reader.body(http);
		return this.rekey.update(recovery(kind), GenerateRootController.text(request, "key"),
				GenerateRootController.text(request, "nonce"));
	}

	private static boolean recovery(String kind) {
		return kind.equals("rekey-recovery-key");
	}

	private static boolean flag(Map<String, Object> request, String name) {
		return request.containsKey(name) && GoBool.of(request.get(name))
			.orElseThrow(() -> VaultException.badRequest("'" + name + "' must be a boolean"));
	}

}
