package io.coffer.secrets.storage;

class InMemoryStorageContractTest extends StorageContractTest {

	private final InMemoryStorage storage = new InMemoryStorage();

	@Override
	protected Storage storage() {
		return this.storage;
	}

}
