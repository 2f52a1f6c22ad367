package io.coffer.secrets.storage.replicated;

/** Free ports for tests outside this package (see {@link TestNodes#freePort()}). */
public final class TestPorts {

	private TestPorts() {
	}

	public static int free() {
		return TestNodes.freePort();
	}

}
