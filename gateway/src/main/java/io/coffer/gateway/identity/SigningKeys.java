package io.coffer.gateway.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;

import io.coffer.support.identity.IdentityKeyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the gateway's signing key pair, or generates one when there is none yet (a local
 * or development cluster: the key is generated per cluster and its public half is handed
 * to the nodes).
 */
final class SigningKeys {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

	private SigningKeys() {
	}

	static KeyPair loadOrGenerate(Path privateKey, SecureRandom random) {
		Path publicKey = IdentityKeyFiles.publicKeyPath(privateKey);
		if (!Files.exists(privateKey)) {
			KeyPair generated = IdentityKeyFiles.generate(privateKey, random);
			logger.info(
					"Generated the internal identity signing key {} (key id {}); every secrets node needs its "
							+ "public key {} in coffer.identity.verification-keys",
					privateKey.toAbsolutePath(), IdentityKeyFiles.keyId(generated.getPublic()),
					publicKey.toAbsolutePath());
			return generated;
		}
		KeyPair pair = IdentityKeyFiles.readPair(privateKey);
		logger.info("Signing internal identities with {} (key id {})", privateKey.toAbsolutePath(),
				IdentityKeyFiles.keyId(pair.getPublic()));
		return pair;
	}

}
