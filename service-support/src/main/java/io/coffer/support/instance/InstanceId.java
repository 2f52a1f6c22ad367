package io.coffer.support.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * A service instance's name in the claims it takes (lease-service's revocation claims,
 * audit-service's journal claims): the configured one ({@code coffer.lease.instance-id},
 * {@code coffer.audit.instance-id}), else {@code <host name>:<port>}. Stable across
 * restarts, so that an instance restarted after a crash takes back the claims its
 * previous life left at once, rather than after their timeout. Two live instances must
 * never share one. A service declares it as a bean (it learns the port from the web
 * server's start).
 */
public class InstanceId implements ApplicationListener<WebServerInitializedEvent> {

	private final String configured;

	private volatile String value;

	private final String fallback = "instance-" + UUID.randomUUID();

	/**
	 * @param configured the configured id, or null/blank for host name and port
	 */
	public InstanceId(String configured) {
		this.configured = configured;
		this.value = (this.configured != null && !this.configured.isBlank()) ? this.configured : null;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.value == null) {
			this.value = hostName() + ":" + event.getWebServer().getPort();
		}
	}

	/**
	 * The id; until the web server's port is known (and without a configured id), a
	 * random one of this JVM, which releases nothing of a previous life.
	 */
	public String value() {
		String id = this.value;
		return (id != null) ? id : this.fallback;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
