package io.coffer.secrets.storage.replicated;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.coffer.secrets.storage.Storage;
import io.coffer.secrets.storage.StorageContractTest;

/**
 * The storage contract against a real single-node replicated storage (CP unsafe mode).
 */
class SingleNodeStorageContractTest extends StorageContractTest {

	@TempDir
	static Path dataDir;

	private static ReplicatedStorage node;

	@BeforeAll
	static void start() {
		node = TestNodes.start(TestNodes.single(dataDir));
		node.awaitActive(Duration.ofSeconds(30));
	}

	@AfterAll
	static void stop() {
		node.close();
	}

	@Override
	protected Storage storage() {
		return node;
	}

}
