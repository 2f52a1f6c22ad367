package io.coffer.audit.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.coffer.audit.config.AuditProperties;
import io.coffer.support.instance.InstanceId;
import io.coffer.audit.delivery.Delivery;
import io.coffer.audit.delivery.DeliveryMetrics;
import io.coffer.audit.delivery.DeviceTable;
import io.coffer.audit.device.AuditSinkFactories;
import io.coffer.audit.device.file.FileSinkFactory;
import io.coffer.audit.device.file.ReopenSignal;
import io.coffer.audit.device.socket.SocketSinkFactory;
import io.coffer.audit.node.NodeClient;
import io.coffer.audit.stream.StreamHub;
import io.coffer.common.audit.AuditPaths;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * One audit-service instance's delivery, wired by hand (no Spring context): the real node
 * client, device table, sinks and delivery loops against {@link FakeNode}s, with fast
 * timings.
 */
public final class DeliveryStack implements AutoCloseable {

	public final MemorySinks memory = new MemorySinks();

	public final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	public final DeviceTable devices;

	public final Delivery delivery;

	public final StreamHub stream;

	public DeliveryStack(String instance, Duration claimTtl, URI... nodes) {
		try {
			Path key = Files.createTempDirectory("audit-delivery-test").resolve("audit.pem");
			IdentitySigner signer = new IdentitySigner(IdentityKeyFiles.generate(key, new SecureRandom()),
					Clock.systemUTC(), AuditPaths.CALLER);
			AuditProperties properties = new AuditProperties(List.of(nodes), instance, Duration.ofSeconds(2),
					Duration.ofSeconds(5),
					new AuditProperties.Delivery(true, claimTtl, Duration.ofMillis(100), Duration.ofSeconds(10), 100,
							Duration.ofMillis(300), Duration.ofMillis(20), Duration.ofMillis(200),
							Duration.ofMillis(200)),
					new AuditProperties.Stream(100, Duration.ZERO));
			NodeClient client = new NodeClient(properties.nodes(),
					HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), signer,
					JsonMapper.builder().build(), properties.nodeTimeout());
			AuditSinkFactories factories = new AuditSinkFactories(
					List.of(new FileSinkFactory(new ReopenSignal()), new SocketSinkFactory(), this.memory));
			this.devices = new DeviceTable(client, factories, properties, Clock.systemUTC());
			this.stream = new StreamHub(properties);
			this.delivery = new Delivery(client, this.devices, new DeliveryMetrics(this.registry, Clock.systemUTC()),
					this.stream, properties, new InstanceId(properties.instanceId()));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Reads the device table and starts delivering. */
	public DeliveryStack start() {
		this.devices.refresh();
		this.delivery.start();
		return this;
	}

	@Override
	public void close() {
		this.delivery.stop();
		this.devices.destroy();
	}

}
