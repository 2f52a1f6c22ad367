package io.coffer.audit.stream;

import java.nio.charset.StandardCharsets;

import io.coffer.audit.delivery.DeviceTable;
import io.coffer.support.error.VaultErrorException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriUtils;

/**
 * {@code GET /v1/sys/audit-stream/<device path>} (sudo, checked by the gateway):
 * Server-Sent Events, one {@code data:} event per line delivered to that device from now
 * on (the line as the device gets it, without prefix).
 */
@RestController
public class AuditStreamController {

	private static final String ROUTE = "/v1/sys/audit-stream/";

	private final StreamHub hub;

	private final DeviceTable devices;

	public AuditStreamController(StreamHub hub, DeviceTable devices) {
		this.hub = hub;
		this.devices = devices;
	}

	@GetMapping("/v1/sys/audit-stream/**")
	SseEmitter stream(HttpServletRequest http) {
		String uri = http.getRequestURI().substring(http.getContextPath().length());
		String path = uri.startsWith(ROUTE) ? uri.substring(ROUTE.length()) : "";
		path = UriUtils.decode(path, StandardCharsets.UTF_8);
		while (path.startsWith("/")) {
			path = path.substring(1);
		}
		if (path.isEmpty()) {
			throw new VaultErrorException(400, "missing audit path");
		}
		String device = path.endsWith("/") ? path : path + "/";
		if (this.devices.find(device).isEmpty() && this.devices.absent(device)) {
			throw new VaultErrorException(400, "no audit device enabled at \"" + device + "\"");
		}
		return this.hub.subscribe(device);
	}

}
