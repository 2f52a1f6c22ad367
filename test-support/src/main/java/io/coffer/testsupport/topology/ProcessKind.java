package io.coffer.testsupport.topology;

/**
 * One line of deploy/topology.conf: a kind of process of the suite (e.g. the secrets
 * nodes, the gateway) and the port layout of its instances. Instance {@code i} (1-based)
 * listens on {@code port + i - 1}, and likewise for the management and cluster ports.
 *
 * @param name the kind's name ({@code secrets}, {@code gateway})
 * @param module the Maven module whose executable jar it runs
 * @param instanceTemplate the instances' names, {@code {i}} standing for 1..count
 * @param port HTTP port of instance 1
 * @param managementPort actuator port of instance 1, or 0 if the actuator is on the HTTP
 * port
 * @param clusterPort Hazelcast port of instance 1, or 0 if the kind is no cluster member
 * @param count number of instances by default
 * @param mainClass the class the jar runs instead of its own application (e.g. the local
 * PostgreSQL lease-service's jar carries), or empty for the jar's own
 */
public record ProcessKind(String name, String module, String instanceTemplate, int port, int managementPort,
		int clusterPort, int count, String mainClass) {

	private static final String INDEX = "{i}";

	/** A kind that runs its jar's own application. */
	public ProcessKind(String name, String module, String instanceTemplate, int port, int managementPort,
			int clusterPort, int count) {
		this(name, module, instanceTemplate, port, managementPort, clusterPort, count, "");
	}

	public ProcessKind {
		mainClass = (mainClass != null) ? mainClass : "";
		if (count < 1) {
			throw new IllegalArgumentException(name + ": count must be at least 1");
		}
		if (count > 1 && !instanceTemplate.contains(INDEX)) {
			throw new IllegalArgumentException(name + ": " + count + " instances need " + INDEX + " in the name");
		}
	}

	/** The name of instance {@code index} (1-based): {@code node2}, {@code gateway}. */
	public String instanceName(int index) {
		return this.instanceTemplate.replace(INDEX, Integer.toString(index));
	}

	/** Whether more than one instance of this kind can run (its name has an index). */
	public boolean scalable() {
		return this.instanceTemplate.contains(INDEX);
	}

	/** The executable jar's file name: {@code coffer-<module>.jar}. */
	public String jarName() {
		return "coffer-" + this.module + ".jar";
	}

	/**
	 * Whether instances run the jar's own application (an HTTP service) rather than
	 * {@link #mainClass()}, a helper process such as a local database.
	 */
	public boolean runsOwnApplication() {
		return this.mainClass.isEmpty();
	}

	public boolean hasManagementPort() {
		return this.managementPort > 0;
	}

	public boolean clusterMember() {
		return this.clusterPort > 0;
	}

}
