package io.coffer.secrets.storage.replicated;

import java.nio.file.Path;

import com.hazelcast.cp.IAtomicReference;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coffer.secrets.storage.SerializableGadget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member deserializes only whitelisted classes: what Coffer's storage sends passes, any
 * other class (a deserialization gadget) is refused before it is instantiated.
 */
class DeserializationFilterTest {

	@TempDir
	Path dataDir;

	@Test
	void aMemberRefusesToDeserializeAClassCofferNeverSends() {
		try (ReplicatedStorage node = TestNodes.start(TestNodes.single(this.dataDir))) {
			IAtomicReference<Object> probe = node.hazelcast().getCPSubsystem().getAtomicReference("filter-probe");

			probe.set(new Position(new Epoch(3, 7), 42));
			assertThat(probe.get()).isEqualTo(new Position(new Epoch(3, 7), 42));

			probe.set(new SerializableGadget("payload"));
			int created = SerializableGadget.instances;
			assertThatThrownBy(probe::get).isInstanceOf(HazelcastSerializationException.class)
				.rootCause()
				.isInstanceOf(SecurityException.class)
				.hasMessageContaining(SerializableGadget.class.getName());
			assertThat(SerializableGadget.instances).isEqualTo(created);
		}
	}

}
