import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import io.coffer.support.identity.IdentityKeyFiles;

/**
 * Writes the internal identity's key pair for a local cluster (docs/identity.md): the
 * gateway's private key at the given path (PKCS#8 PEM, mode 0600) and its public key
 * beside it as {@code <name>.pub.pem}, which every node is given. Does nothing if the
 * private key already exists. Run as a single-file program:
 * {@code java -cp service-support/target/coffer-service-support.jar deploy/local/lib/GenerateIdentityKey.java <path>}.
 */
public class GenerateIdentityKey {

	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("usage: GenerateIdentityKey <private-key.pem>");
			System.exit(2);
		}
		Path privateKey = Path.of(args[0]);
		if (Files.exists(privateKey)) {
			return;
		}
		IdentityKeyFiles.generate(privateKey, new SecureRandom());
		System.out.println("Generated the internal identity key pair " + privateKey + " (public key "
				+ IdentityKeyFiles.publicKeyPath(privateKey) + ")");
	}

}
