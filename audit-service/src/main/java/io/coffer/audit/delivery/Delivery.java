package io.coffer.audit.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.coffer.audit.config.AuditProperties;
import io.coffer.support.instance.InstanceId;
import io.coffer.audit.node.NodeClient;
import io.coffer.audit.stream.StreamHub;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers every node's journal ({@code coffer.audit.nodes}): a {@link NodeDelivery} per
 * node, which claims the journal and, while this instance holds the claim, runs a
 * {@link DeviceLoop} per device. Off with {@code coffer.audit.delivery.enabled=false}.
 */
@Component
public class Delivery implements SmartLifecycle {

	private final NodeClient client;

	private final DeviceTable devices;

	private final DeliveryMetrics metrics;

	private final StreamHub stream;

	private final AuditProperties properties;

	private final InstanceId instance;

	private final List<NodeDelivery> nodes = new ArrayList<>();

	private volatile boolean running;

	public Delivery(NodeClient client, DeviceTable devices, DeliveryMetrics metrics, StreamHub stream,
			AuditProperties properties, InstanceId instance) {
		this.client = client;
		this.devices = devices;
		this.metrics = metrics;
		this.stream = stream;
		this.properties = properties;
		this.instance = instance;
		devices.onChange(this::wake);
	}

	@Override
	public synchronized void start() {
		if (this.running || !this.properties.delivery().enabled()) {
			return;
		}
		for (URI node : this.client.nodes()) {
			NodeDelivery delivery = new NodeDelivery(node, this.client, this.devices, this.metrics, this.stream,
					this.properties.delivery(), this.instance::value);
			this.nodes.add(delivery);
			delivery.start();
		}
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.nodes.forEach(NodeDelivery::stop);
		this.nodes.clear();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Whether this instance holds {@code node}'s journal claim. */
	public boolean holds(URI node) {
		return this.nodes.stream().anyMatch((delivery) -> delivery.node().equals(node) && delivery.holds());
	}

	/** The device table changed: every node's delivery looks at its devices now. */
	public void wake() {
		List<NodeDelivery> current;
		synchronized (this) {
			current = List.copyOf(this.nodes);
		}
		current.forEach(NodeDelivery::wake);
	}

}
