package io.coffer.secrets.storage.replicated;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BootstrapBoardTest {

	private static final Epoch OLD = new Epoch(3, 42);

	private final LogAuth keyed = auth(TestNodes.logKey());

	@Test
	void aNodeHoldingTheKeySeedsOnlyFromPositionsSignedWithIt() {
		BootstrapBoard board = publish(null, "node1", at(100), this.keyed);
		board = publish(board, "node2", at(90), this.keyed);
		// planted by a member of the cluster network: higher, but unsigned or signed with
		// another key
		board = publish(board, "node3", at(500), new LogAuth());
		board = publish(board, "node4", at(400), auth(TestNodes.otherKey()));

		Map<String, Position> trusted = board.trusted(this.keyed);

		assertThat(trusted).containsOnlyKeys("node1", "node2");
		assertThat(BootstrapBoard.seed(trusted)).isEqualTo("node1");
	}

	@Test
	void aPositionMovedToAnotherNodeOrIndexDoesNotVerify() {
		BootstrapBoard.Published genuine = BootstrapBoard.Publish.of("node2", at(90), this.keyed).published();
		BootstrapBoard board = new BootstrapBoard(Map.of("node1", genuine, "node2",
				new BootstrapBoard.Published(at(900), genuine.mac()), "node3", genuine));

		assertThat(board.trusted(this.keyed)).isEmpty();
	}

	@Test
	void aSealedNodeCountsEveryPositionButCanOnlySeedAnEmptyReplica() {
		LogAuth sealed = new LogAuth();
		BootstrapBoard board = publish(null, "node1", Position.EMPTY, sealed);
		board = publish(board, "node2", at(7), this.keyed);

		assertThat(board.trusted(sealed)).containsOnlyKeys("node1", "node2");
		assertThat(board.trusted(this.keyed)).containsOnlyKeys("node2");
	}

	private static BootstrapBoard publish(BootstrapBoard board, String node, Position position, LogAuth auth) {
		return BootstrapBoard.Publish.of(node, position, auth).apply(board);
	}

	private static Position at(long index) {
		return new Position(OLD, index);
	}

	private static LogAuth auth(io.coffer.secrets.storage.LogMac key) {
		LogAuth auth = new LogAuth();
		auth.use(key);
		return auth;
	}

}
