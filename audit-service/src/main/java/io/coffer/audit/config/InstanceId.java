package io.coffer.audit.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * This instance's name in the claims it takes ({@code coffer.audit.instance-id}, else
 * {@code <host name>:<port>}): stable across restarts, so that an instance restarted
 * after a crash takes its journal claims back at once, rather than after their timeout.
 * Two live instances must never share one.
 */
@Component
public class InstanceId implements ApplicationListener<WebServerInitializedEvent> {

	private final String configured;

	private volatile String value;

	private final String fallback = "instance-" + UUID.randomUUID();

	public InstanceId(AuditProperties properties) {
		this.configured = properties.instanceId();
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
