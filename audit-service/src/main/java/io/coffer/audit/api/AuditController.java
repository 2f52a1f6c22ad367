package io.coffer.audit.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.coffer.audit.delivery.DeviceTable;
import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.AuditSinkFactories;
import io.coffer.audit.node.NodeClient;
import io.coffer.audit.node.NodeRefusedException;
import io.coffer.audit.node.NodeUnavailableException;
import io.coffer.common.audit.AuditDevice;
import io.coffer.common.audit.AuditDeviceEnable;
import io.coffer.common.audit.AuditHash;
import io.coffer.common.audit.AuditHashRequest;
import io.coffer.support.error.VaultErrorException;
import io.coffer.support.web.RequestIdFilter;
import io.coffer.support.web.json.JsonLimits;
import io.coffer.support.web.vault.VaultRequest;
import io.coffer.support.web.vault.VaultResponses;
import io.coffer.support.web.vault.VaultValues;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vault's {@code sys/audit} and {@code sys/audit-hash} (vault-api.md §8). The device
 * table lives on the active node; enabling validates the options and test-writes to the
 * device here first, so that a device that cannot be written to is never enabled.
 */
@RestController
public class AuditController {

	private static final Logger log = LoggerFactory.getLogger(AuditController.class);

	private static final String ROUTE = "sys/audit";

	private static final String HASH_ROUTE = "sys/audit-hash";

	private final NodeClient node;

	private final AuditSinkFactories factories;

	private final DeviceTable devices;

	private final JsonLimits limits;

	public AuditController(NodeClient node, AuditSinkFactories factories, DeviceTable devices, JsonLimits limits) {
		this.node = node;
		this.factories = factories;
		this.devices = devices;
		this.limits = limits;
	}

	@RequestMapping({ "/v1/sys/audit", "/v1/sys/audit/", "/v1/sys/audit/**" })
	ResponseEntity<Object> audit(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		String below = request.below(ROUTE);
		String requestId = RequestIdFilter.of(http);
		if (below.isEmpty()) {
			request.requireOperation("read");
			return VaultResponses.dataWithTopLevelCopy(requestId, list());
		}
		String path = DevicePaths.normalize(below);
		return switch (request.operation()) {
			case "write" -> {
				enable(path, request);
				yield VaultResponses.noContent();
			}
			case "delete" -> {
				relayCall(() -> this.node.disable(path));
				this.devices.changed();
				yield VaultResponses.noContent();
			}
			default -> throw new VaultErrorException(405, "unsupported operation");
		};
	}

	@RequestMapping({ "/v1/sys/audit-hash/**" })
	ResponseEntity<Object> hash(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("write");
		String path = DevicePaths.normalize(request.below(HASH_ROUTE));
		AuditHash hash = relay(() -> this.node.hash(path, new AuditHashRequest(request.string("input"))));
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("hash", hash.hash());
		return VaultResponses.dataWithTopLevelCopy(RequestIdFilter.of(http), data);
	}

	private Map<String, Object> list() {
		Map<String, Object> data = new LinkedHashMap<>();
		for (AuditDevice device : relay(this.node::devices)) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("type", device.type());
			entry.put("description", device.description());
			entry.put("options", device.options());
			entry.put("local", device.local());
			entry.put("path", device.path());
			data.put(device.path(), entry);
		}
		return data;
	}

	private void enable(String path, VaultRequest request) {
		String type = request.string("type");
		Map<String, String> options = options(request.fields().get("options"));
		boolean local = VaultValues.bool(request.fields().get("local"), "local", false);
		for (AuditDevice existing : relay(this.node::devices)) {
			if (DevicePaths.conflict(existing.path(), path)) {
				throw new VaultErrorException(400, "path already in use");
			}
		}
		AuditSink sink;
		try {
			sink = this.factories.create(type, path, options);
		}
		catch (IllegalArgumentException ex) {
			throw new VaultErrorException(400, ex.getMessage());
		}
		try (sink) {
			sink.testWrite();
		}
		catch (IOException ex) {
			log.info("audit device {} ({}) not enabled: its test write failed", path, type);
			throw new VaultErrorException(400, ex.getMessage());
		}
		relayCall(() -> this.node.enable(path,
				new AuditDeviceEnable(type, request.string("description"), options, local)));
		log.info("audit device {} ({}) enabled", path, type);
		this.devices.changed();
	}

	/**
	 * Vault's {@code options}: a map of strings (scalars converted as Vault's weak
	 * decoding does).
	 */
	private static Map<String, String> options(Object value) {
		if (value == null || "".equals(value)) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new VaultErrorException(400, "error converting input for field \"options\"");
		}
		Map<String, String> options = new LinkedHashMap<>();
		map.forEach((name, option) -> {
			if (option instanceof Map<?, ?> || option instanceof List<?>) {
				throw new VaultErrorException(400, "error converting input for field \"options\"");
			}
			options.put(String.valueOf(name), (option != null) ? String.valueOf(option) : "");
		});
		return options;
	}

	private static void relayCall(Runnable call) {
		relay(() -> {
			call.run();
			return null;
		});
	}

	private static <T> T relay(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (NodeRefusedException ex) {
			throw new VaultErrorException(ex.status(), ex.getMessage());
		}
		catch (NodeUnavailableException ex) {
			throw new VaultErrorException(503, "no active secrets node: " + ex.getMessage());
		}
	}

}
