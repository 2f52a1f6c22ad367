package io.coffer.secrets.storage;

import java.util.Objects;

/** One operation of an atomic storage batch. */
public sealed interface StorageOp {

	String key();

	record Put(String key, byte[] value) implements StorageOp {
		public Put {
			Objects.requireNonNull(key, "key");
			Objects.requireNonNull(value, "value");
		}

		@Override
		public String toString() {
			return "Put[key=" + key + ", " + value.length + " bytes]";
		}
	}

	record Delete(String key) implements StorageOp {
		public Delete {
			Objects.requireNonNull(key, "key");
		}
	}

}
