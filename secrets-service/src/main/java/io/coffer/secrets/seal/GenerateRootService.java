package io.coffer.secrets.seal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.Base62;
import io.coffer.secrets.token.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Vault's generate-root (vault-api.md §1): a quorum of unseal keys (Shamir) or recovery
 * keys (auto seal) creates a new root token, handed out XOR a one-time pad the client
 * holds, so the token never crosses the wire in the clear. The attempt lives in this
 * node's memory, as in Vault; only the active node serves it.
 */
@Service
public class GenerateRootService {

	private static final Logger log = LoggerFactory.getLogger(GenerateRootService.class);

	private final SealService seal;

	private final TokenStore tokens;

	private final SecureRandom random;

	private final ShareProgress progress = new ShareProgress();

	private Attempt attempt;

	/**
	 * {@code hvs.} plus 24 base62 characters: a root token's length, and so the OTP's.
	 */
	static final int TOKEN_LENGTH = 28;

	public GenerateRootService(SealService seal, TokenStore tokens, SecureRandom random) {
		this.seal = seal;
		this.tokens = tokens;
		this.random = random;
	}

	public synchronized GenerateRootStatus status() {
		return status(this.seal.requireActiveConfig(), "", "");
	}

	/**
	 * Starts an attempt with the client's OTP, or a server-made one that is returned
	 * once.
	 */
	public synchronized GenerateRootStatus start(String otp, String pgpKey) {
		SealConfig config = this.seal.requireActiveConfig();
		if (pgpKey != null && !pgpKey.isBlank()) {
			throw VaultException.badRequest("PGP-encrypted root tokens are not supported by Coffer; use an OTP");
		}
		if (this.attempt != null) {
			throw VaultException.badRequest("root generation already in progress");
		}
		boolean generated = otp == null || otp.isEmpty();
		String pad = generated ? Base62.random(this.random, TOKEN_LENGTH) : otp;
		if (pad.length() != TOKEN_LENGTH) {
			throw VaultException.badRequest("OTP string has incorrect length");
		}
		this.attempt = new Attempt(UUID.randomUUID().toString(), pad.getBytes(StandardCharsets.US_ASCII));
		log.info("Root token generation started");
		return status(config, "", generated ? pad : "");
	}

	public synchronized void cancel() {
		this.seal.requireActiveConfig();
		clear();
	}

	/**
	 * Adds a key share; at the threshold verifies the quorum and creates the root token.
	 * A quorum that fails verification resets the progress (the attempt stays).
	 */
	public synchronized GenerateRootStatus update(String key, String nonce) {
		SealConfig config = this.seal.requireActiveConfig();
		if (key == null || key.isEmpty()) {
			throw VaultException.badRequest("'key' must be specified in request body as JSON");
		}
		if (this.attempt == null) {
			throw VaultException.badRequest("no root generation in progress");
		}
		if (!this.attempt.nonce().equals(nonce)) {
			throw VaultException.badRequest(
					"incorrect nonce supplied; nonce for this root generation operation is " + this.attempt.nonce());
		}
		SealConfig.KeyQuorum quorum = config.quorum();
		if (!this.progress.add(KeyShares.decode(key, quorum.shares()))) {
			throw VaultException.badRequest("given key has already been provided during this generation operation");
		}
		if (this.progress.count() < quorum.threshold()) {
			return status(config, "", "");
		}
		boolean valid;
		try {
			valid = this.seal.keyShares().verify(this.progress.shares(), config);
		}
		finally {
			this.progress.reset();
		}
		if (!valid) {
			log.warn("Root token generation: the {} key shares are not valid; progress reset",
					quorum.recovery() ? "recovery" : "unseal");
			throw VaultException.badRequest("root generation aborted: the given "
					+ (quorum.recovery() ? "recovery" : "unseal") + " key shares are not valid for this Vault");
		}
		String token = this.tokens.createRoot();
		String encoded = OneTimePad.encode(token, this.attempt.otp());
		String attemptNonce = this.attempt.nonce();
		clear();
		log.info("Root token generation complete: a new root token was created");
		return new GenerateRootStatus(true, attemptNonce, quorum.threshold(), quorum.threshold(), encoded, encoded, "",
				TOKEN_LENGTH, "", true);
	}

	private GenerateRootStatus status(SealConfig config, String encoded, String otp) {
		SealConfig.KeyQuorum quorum = config.quorum();
		return new GenerateRootStatus(this.attempt != null, (this.attempt != null) ? this.attempt.nonce() : "",
				this.progress.count(), quorum.threshold(), encoded, encoded, "", TOKEN_LENGTH, otp, false);
	}

	private void clear() {
		this.progress.reset();
		if (this.attempt != null) {
			Arrays.fill(this.attempt.otp(), (byte) 0);
			this.attempt = null;
		}
	}

	/**
	 * One generation attempt.
	 *
	 * @param nonce sent with every key
	 * @param otp the one-time pad, ASCII
	 */
	private record Attempt(String nonce, byte[] otp) {

		@Override
		public String toString() {
			return "Attempt[nonce=" + this.nonce + ", otp=<redacted>]";
		}

	}

}
