package io.coffer.secrets.identity;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.UUID;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;

/**
 * Internal identities signed with the committed TEST keys
 * ({@code src/test/resources/identity}), as the gateway would sign them.
 */
public final class TestIdentities {

	private static final KeyPair GATEWAY = pair("test-only-gateway-key.pem");

	private static final IdentitySigner SIGNER = new IdentitySigner(GATEWAY, Clock.systemUTC(),
			InternalIdentity.GATEWAY);

	private TestIdentities() {
	}

	/** A valid identity for one request, signed with the key the test nodes trust. */
	public static String valid() {
		return SIGNER.sign(UUID.randomUUID().toString());
	}

	/** A valid identity speaking for a client at {@code clientAddress}. */
	public static String from(String clientAddress) {
		return SIGNER.sign(UUID.randomUUID().toString(), clientAddress);
	}

	public static IdentitySigner signer(String keyFile, Clock clock) {
		return new IdentitySigner(pair(keyFile), clock, InternalIdentity.GATEWAY);
	}

	private static KeyPair pair(String name) {
		URL resource = TestIdentities.class.getResource("/identity/" + name);
		if (resource == null) {
			throw new IllegalStateException("test key /identity/" + name + " is missing from the test classpath");
		}
		try {
			return IdentityKeyFiles.readPair(Path.of(resource.toURI()));
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
