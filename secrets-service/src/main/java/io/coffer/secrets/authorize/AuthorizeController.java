package io.coffer.secrets.authorize;

import java.util.List;

import io.coffer.common.VaultErrorBody;
import io.coffer.common.authorize.AuthorizeDecision;
import io.coffer.common.authorize.AuthorizeRequest;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/authorize}: the gateway asks the active node whether a request
 * for another service may be forwarded ({@link Authorizer}). Only the gateway may ask:
 * the call needs a valid internal identity (as every call outside the open endpoints) and
 * that identity must be the gateway's; anything else is refused with 403 before any token
 * is looked at. The answer is always 200 with {@link AuthorizeDecision} (a denial
 * included); a sealed node answers 503 {@code Vault is sealed}, a standby the "not
 * executed" 503 the gateway retries on the active node.
 */
@RestController
class AuthorizeController {

	private static final Logger logger = LoggerFactory.getLogger(AuthorizeController.class);

	private final Authorizer authorizer;

	AuthorizeController(Authorizer authorizer) {
		this.authorizer = authorizer;
	}

	@PostMapping(path = AuthorizeRequest.PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> authorize(@RequestBody AuthorizeRequest request, Authentication caller,
			HttpServletRequest http) {
		if (!isGateway(caller)) {
			logger.warn("Refused {} from a caller that is not the gateway", AuthorizeRequest.PATH);
			return ResponseEntity.status(403)
				.contentType(MediaType.APPLICATION_JSON)
				.body(new VaultErrorBody(List.of("permission denied")));
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.authorizer.decide(request, RequestIdFilter.of(http)));
	}

	private static boolean isGateway(Authentication caller) {
		return caller != null && caller.getPrincipal() instanceof Jwt identity
				&& InternalIdentity.GATEWAY_ISSUER.equals(identity.getClaimAsString(JwtClaimNames.ISS));
	}

}
