package io.coffer.secrets.seal;

import java.security.SecureRandom;
import java.time.Clock;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.ha.FakeHaCluster;
import io.coffer.secrets.storage.Storage;
import io.coffer.secrets.token.TokenStore;

/**
 * One node's seal-related services over shared storage, without Spring; a new instance on
 * the same storage is a restarted node.
 */
record TestNode(Barrier barrier, TokenStore tokens, FakeHaCluster ha, SealService seal,
		GenerateRootService generateRoot, RekeyService rekey) {

	static TestNode start(Storage storage, ConfiguredSeal configured) {
		SecureRandom random = new SecureRandom();
		Clock clock = Clock.systemUTC();
		Barrier barrier = new Barrier(storage, random, clock);
		TokenStore tokens = new TokenStore(barrier, random, clock);
		FakeHaCluster ha = new FakeHaCluster();
		SealService seal = new SealService(storage, barrier, ha, tokens, configured, random, (event) -> {
		});
		return new TestNode(barrier, tokens, ha, seal, new GenerateRootService(seal, tokens, random),
				new RekeyService(seal, random));
	}

	boolean isRoot(String token) {
		return this.tokens.lookup(token).map((entry) -> entry.isRoot()).orElse(false);
	}

}
