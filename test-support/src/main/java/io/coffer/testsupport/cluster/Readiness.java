package io.coffer.testsupport.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.coffer.testsupport.http.VaultHttp;

import static org.awaitility.Awaitility.await;

/**
 * Waits for a suite's processes: up (answering HTTP), an active node elected, every node
 * initialized. A process that exits while being waited for fails the wait at once, with
 * the end of its log.
 */
final class Readiness {

	/**
	 * Three JVMs with Hazelcast CP discovery on two cores take a while; this bounds a
	 * hung start.
	 */
	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

	private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(2);

	private final VaultHttp http;

	/**
	 * Waits through {@code gatewayHttp}, a client of the gateway that also probes the
	 * other processes.
	 * @param gatewayHttp the gateway's client
	 */
	Readiness(VaultHttp gatewayHttp) {
		this.http = gatewayHttp;
	}

	/**
	 * Waits for each process in turn: the gateway until {@code /readyz} answers 200, a
	 * secrets node until its {@code sys/health} answers at all (sealed or not), the local
	 * PostgreSQL until its port accepts connections, any other kind until its
	 * {@code /actuator/health} answers 200.
	 */
	void awaitUp(List<ServiceProcess> processes) {
		processes.forEach((process) -> {
			URI probe = process.baseUri().resolve(probePath(process));
			await(process.name() + " up").atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException(process.name() + " exited during start-up; log " + process.logFile()
							+ ":\n" + process.logTail(40));
				}
				if (ClusterLayout.LEASE_DB.equals(process.kind())) {
					return acceptsConnections(process.baseUri());
				}
				int status = this.http.statusOf(probe);
				return ClusterLayout.SECRETS.equals(process.kind()) ? status > 0 : status == 200;
			});
		});
	}

	/**
	 * Whether something listens on the URI's port (the local PostgreSQL speaks no HTTP).
	 */
	private static boolean acceptsConnections(URI uri) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String probePath(ServiceProcess process) {
		return switch (process.kind()) {
			case ClusterLayout.SECRETS -> "/v1/sys/health";
			case ClusterLayout.GATEWAY -> "/readyz";
			default -> "/actuator/health";
		};
	}

	/**
	 * The node that answers 200 on its own {@code sys/health}, waiting for one to be
	 * elected if needed.
	 */
	ServiceProcess activeNode(List<ServiceProcess> nodes) {
		return await("an active secrets node").atMost(ACTIVE_TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> nodes.stream()
				.filter(ServiceProcess::isAlive)
				.filter((node) -> this.http.statusOf(node.baseUri().resolve("/v1/sys/health")) == 200)
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Waits until the gateway's {@code sys/health} answers 200 (an unsealed active node
	 * serves requests).
	 */
	void awaitActive() {
		await("gateway sys/health 200").atMost(ACTIVE_TIMEOUT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.http.get("sys/health", null).status() == 200);
	}

	/**
	 * Init is acknowledged once a majority of nodes has stored it; a node still behind
	 * answers an unseal share with 400 "Vault is not initialized", and the gateway passes
	 * that on even when other nodes took the share. Waiting here keeps that window out of
	 * every test's set-up (deploy/local/run.sh waits the same way).
	 */
	void awaitEveryNodeInitialized(List<ServiceProcess> nodes) {
		await("every node initialized").atMost(ACTIVE_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> nodes.stream()
				.allMatch((node) -> this.http.statusOf(node.baseUri().resolve("/v1/sys/health")) != 501));
	}

}
