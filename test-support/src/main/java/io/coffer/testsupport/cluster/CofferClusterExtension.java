package io.coffer.testsupport.cluster;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Gives a test class a running {@link CofferCluster}. Register it on a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final CofferClusterExtension coffer = CofferClusterExtension.shared();
 * </pre>
 *
 * {@link #shared()} hands every class that asks for it the same three-node cluster with
 * lease-service and audit-service, started once per test run and stopped at its end;
 * classes using it must leave it as they found it (unsealed, nothing else killed).
 * {@link #perClass(int)} starts a cluster for one class only, for tests that break it on
 * purpose. At most one cluster runs at a time: starting a per-class cluster stops the
 * shared one first (the next class asking for the shared cluster starts a new one),
 * because three secrets JVMs per cluster already fill two cores.
 */
public final class CofferClusterExtension implements BeforeAllCallback, AfterAllCallback {

	private static final Namespace NAMESPACE = Namespace.create(CofferClusterExtension.class);

	private static final String SHARED = "shared-cluster";

	private static final int SHARED_NODES = 3;

	/**
	 * A shared cluster that failed to start fails every later class at once instead of
	 * retrying for minutes.
	 */
	private static volatile RuntimeException sharedStartFailure;

	private final int perClassNodes;

	private final UnaryOperator<ClusterOptions> customizer;

	private CofferCluster cluster;

	private CofferClusterExtension(int perClassNodes, UnaryOperator<ClusterOptions> customizer) {
		this.perClassNodes = perClassNodes;
		this.customizer = customizer;
	}

	public static CofferClusterExtension shared() {
		return new CofferClusterExtension(0, UnaryOperator.identity());
	}

	public static CofferClusterExtension perClass(int nodes) {
		return perClass(nodes, UnaryOperator.identity());
	}

	/**
	 * A cluster for one class, started with the options {@code customizer} makes of the
	 * defaults (e.g. extra gateway arguments).
	 */
	public static CofferClusterExtension perClass(int nodes, UnaryOperator<ClusterOptions> customizer) {
		if (nodes < 1) {
			throw new IllegalArgumentException("a cluster needs at least one node");
		}
		return new CofferClusterExtension(nodes, customizer);
	}

	public CofferCluster cluster() {
		if (this.cluster == null) {
			throw new IllegalStateException("the cluster starts before @BeforeAll methods; register the extension "
					+ "on a static field with @RegisterExtension");
		}
		return this.cluster;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		ExtensionContext.Store rootStore = context.getRoot().getStore(NAMESPACE);
		if (this.perClassNodes == 0) {
			if (sharedStartFailure != null) {
				throw new IllegalStateException("the shared cluster failed to start earlier in this run",
						sharedStartFailure);
			}
			try {
				this.cluster = rootStore.computeIfAbsent(SHARED,
						(key) -> CofferCluster
							.start(ClusterOptions.of("shared", SHARED_NODES).withLeases().withAudit().withSnapshots()),
						CofferCluster.class);
			}
			catch (RuntimeException ex) {
				sharedStartFailure = ex;
				throw ex;
			}
			return;
		}
		CofferCluster shared = rootStore.remove(SHARED, CofferCluster.class);
		if (shared != null) {
			shared.close();
		}
		this.cluster = CofferCluster.start(this.customizer
			.apply(ClusterOptions.of(context.getRequiredTestClass().getSimpleName(), this.perClassNodes)));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.perClassNodes > 0 && this.cluster != null) {
			this.cluster.close();
		}
		this.cluster = null;
	}

}
