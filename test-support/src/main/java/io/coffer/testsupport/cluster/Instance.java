package io.coffer.testsupport.cluster;

import java.net.URI;

import io.coffer.testsupport.topology.ProcessKind;

/**
 * One process of a test suite as laid out from the topology: its kind, name and the free
 * ports it was given in place of the topology's fixed ones.
 *
 * @param kind the topology line it comes from
 * @param name its name ({@code node2}, {@code gateway}): log file and data directory
 * @param port its HTTP port
 * @param managementPort its actuator port, 0 if it has none of its own
 * @param clusterPort its Hazelcast port, 0 if it is no cluster member
 */
record Instance(ProcessKind kind, String name, int port, int managementPort, int clusterPort) {

	URI baseUri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	String clusterAddress() {
		return "127.0.0.1:" + this.clusterPort;
	}

}
