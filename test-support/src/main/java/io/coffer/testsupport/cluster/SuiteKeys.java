package io.coffer.testsupport.cluster;

import java.nio.file.Path;

import io.coffer.testsupport.keys.TestKeys;
import io.coffer.testsupport.keys.TestKeys.IdentityKeyPair;

/**
 * The internal-identity key pairs of one suite, one per calling service as
 * deploy/local/run.sh makes them: each service signs its own calls, each receiver lists
 * the callers' public keys (service-support/README.md).
 *
 * @param gateway the gateway's pair ({@code identity/signing-key.pem})
 * @param secrets the secrets nodes' pair, for their calls to lease-service
 * ({@code identity/secrets-signing-key.pem})
 * @param lease lease-service's pair, for its calls to the nodes
 * ({@code identity/lease-signing-key.pem})
 * @param audit audit-service's pair, for its calls to the nodes
 * ({@code identity/audit-signing-key.pem})
 * @param snapshot snapshot-service's pair, for its calls to the nodes
 * ({@code identity/snapshot-signing-key.pem})
 */
record SuiteKeys(IdentityKeyPair gateway, IdentityKeyPair secrets, IdentityKeyPair lease, IdentityKeyPair audit,
		IdentityKeyPair snapshot) {

	static SuiteKeys generate(Path dataDir) {
		return new SuiteKeys(TestKeys.identityKeyPair(dataDir),
				TestKeys.identityKeyPair(dataDir, "secrets-signing-key"),
				TestKeys.identityKeyPair(dataDir, "lease-signing-key"),
				TestKeys.identityKeyPair(dataDir, "audit-signing-key"),
				TestKeys.identityKeyPair(dataDir, "snapshot-signing-key"));
	}

}
