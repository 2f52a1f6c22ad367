package io.coffer.gateway.support;

import java.util.List;
import java.util.stream.Collectors;

import io.coffer.gateway.support.FakeSecretsNode.Mode;

/**
 * Three fake secrets nodes shared by every integration test in the JVM, so the Spring
 * context (whose node list names their ports) is built once and cached.
 */
public final class FakeCluster {

	private static final FakeCluster SHARED = new FakeCluster();

	public final FakeSecretsNode a = FakeSecretsNode.start("a", Mode.ACTIVE);

	public final FakeSecretsNode b = FakeSecretsNode.start("b", Mode.STANDBY);

	public final FakeSecretsNode c = FakeSecretsNode.start("c", Mode.STANDBY);

	private FakeCluster() {
	}

	public static FakeCluster shared() {
		return SHARED;
	}

	public List<FakeSecretsNode> nodes() {
		return List.of(this.a, this.b, this.c);
	}

	/** The value of {@code coffer.gateway.nodes}, in a-b-c order. */
	public String nodesProperty() {
		return nodes().stream().map((node) -> node.url().toString()).collect(Collectors.joining(","));
	}

	/** a active, b and c standby, all running, nothing recorded. */
	public void reset() {
		this.a.reset(Mode.ACTIVE);
		this.b.reset(Mode.STANDBY);
		this.c.reset(Mode.STANDBY);
	}

	public void setModes(Mode a, Mode b, Mode c) {
		this.a.mode(a);
		this.b.mode(b);
		this.c.mode(c);
	}

}
