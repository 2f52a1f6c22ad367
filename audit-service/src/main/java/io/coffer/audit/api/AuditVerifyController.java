package io.coffer.audit.api;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.audit.delivery.DeliveryMetrics;
import io.coffer.audit.node.NodeClient;
import io.coffer.audit.node.NodeRefusedException;
import io.coffer.audit.node.NodeUnavailableException;
import io.coffer.audit.verify.FileDeviceVerifier;
import io.coffer.common.audit.AuditDevice;
import io.coffer.common.audit.ChainReport;
import io.coffer.support.error.VaultErrorException;
import io.coffer.support.web.RequestIdFilter;
import io.coffer.support.web.json.JsonLimits;
import io.coffer.support.web.vault.VaultRequest;
import io.coffer.support.web.vault.VaultResponses;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coffer's {@code POST sys/audit-verify} (sudo): {@code {"device":"file/"}} checks an
 * enabled file device's output, {@code {"node":"<url or name>"}} asks that node to check
 * its journal. Answers the {@link ChainReport}'s fields in {@code data}; a break found
 * counts in {@code coffer.audit.chain.failures}.
 */
@RestController
public class AuditVerifyController {

	private static final Duration NODE_VERIFY_TIMEOUT = Duration.ofMinutes(5);

	private final NodeClient node;

	private final FileDeviceVerifier files;

	private final MeterRegistry registry;

	private final JsonLimits limits;

	public AuditVerifyController(NodeClient node, FileDeviceVerifier files, MeterRegistry registry, JsonLimits limits) {
		this.node = node;
		this.files = files;
		this.registry = registry;
		this.limits = limits;
	}

	@RequestMapping({ "/v1/sys/audit-verify", "/v1/sys/audit-verify/" })
	ResponseEntity<Object> verify(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("write");
		String device = request.string("device");
		String nodeName = request.string("node");
		ChainReport report;
		if (!device.isEmpty()) {
			report = verifyDevice(DevicePaths.normalize(device));
		}
		else if (!nodeName.isEmpty()) {
			report = verifyNode(nodeName);
		}
		else {
			throw new VaultErrorException(400, "one of \"device\" or \"node\" is required");
		}
		if (!report.ok()) {
			this.registry.counter(DeliveryMetrics.CHAIN_FAILURES).increment();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("ok", report.ok());
		data.put("checked", report.checked());
		data.put("journal", report.journal());
		data.put("seq", report.seq());
		data.put("line", report.line());
		data.put("reason", report.reason());
		return VaultResponses.data(RequestIdFilter.of(http), data);
	}

	private ChainReport verifyDevice(String path) {
		AuditDevice device;
		try {
			device = this.node.devices()
				.stream()
				.filter((candidate) -> candidate.path().equals(path))
				.findFirst()
				.orElseThrow(() -> new VaultErrorException(400, "no audit device enabled at \"" + path + "\""));
			return this.files.verify(device);
		}
		catch (IllegalArgumentException ex) {
			throw new VaultErrorException(400, ex.getMessage());
		}
		catch (IOException ex) {
			throw new VaultErrorException(500, "the device's file cannot be read");
		}
		catch (NodeRefusedException ex) {
			throw new VaultErrorException(ex.status(), ex.getMessage());
		}
		catch (NodeUnavailableException ex) {
			throw new VaultErrorException(503, "no active secrets node: " + ex.getMessage());
		}
	}

	private ChainReport verifyNode(String name) {
		for (URI candidate : this.node.nodes()) {
			boolean match = candidate.toString().equals(name) || candidate.toString().equals(name + "/")
					|| name.equals(stateName(candidate));
			if (match) {
				try {
					return this.node.verify(candidate, NODE_VERIFY_TIMEOUT);
				}
				catch (NodeRefusedException ex) {
					throw new VaultErrorException(ex.status(), ex.getMessage());
				}
				catch (NodeUnavailableException ex) {
					throw new VaultErrorException(503, ex.getMessage());
				}
			}
		}
		throw new VaultErrorException(400, "unknown node \"" + name + "\"");
	}

	private String stateName(URI candidate) {
		try {
			return this.node.state(candidate).node();
		}
		catch (NodeRefusedException | NodeUnavailableException ex) {
			return null;
		}
	}

}
