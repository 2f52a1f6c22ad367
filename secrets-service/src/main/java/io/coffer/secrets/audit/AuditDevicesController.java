package io.coffer.secrets.audit;

import java.util.List;

import io.coffer.common.VaultErrorBody;
import io.coffer.common.audit.AuditDevice;
import io.coffer.common.audit.AuditDeviceEnable;
import io.coffer.common.audit.AuditHash;
import io.coffer.common.audit.AuditHashRequest;
import io.coffer.common.audit.AuditPaths;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.SealedException;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.StandbyException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * audit-service's calls for the device table, on the active node
 * ({@link AuditPaths#DEVICES}, {@link AuditPaths#HASH}): list, enable (a fresh salt;
 * {@code 400 path already in use}), disable ({@code 204} even for an unknown path) and
 * Vault's {@code sys/audit-hash} ({@code 400} for an unknown device). Only
 * audit-service's identity (caller {@value AuditPaths#CALLER}) may call them; a sealed
 * node answers {@code 503 Vault is sealed}, a standby its usual "not executed" refusal.
 */
@RestController
class AuditDevicesController {

	private static final Logger logger = LoggerFactory.getLogger(AuditDevicesController.class);

	private final AuditDevices devices;

	private final Barrier barrier;

	private final HaCluster ha;

	AuditDevicesController(AuditDevices devices, Barrier barrier, HaCluster ha) {
		this.devices = devices;
		this.barrier = barrier;
		this.ha = ha;
	}

	@GetMapping(path = AuditPaths.DEVICES, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> list(Authentication caller) {
		if (!isAuditService(caller)) {
			return denied(AuditPaths.DEVICES);
		}
		activeOnly();
		List<AuditDevice> list = this.devices.list();
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(list);
	}

	@PutMapping(path = AuditPaths.DEVICES + "/**", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> enable(@RequestBody AuditDeviceEnable request, HttpServletRequest http,
			Authentication caller) {
		if (!isAuditService(caller)) {
			return denied(AuditPaths.DEVICES);
		}
		activeOnly();
		this.devices.enable(pathBelow(http, AuditPaths.DEVICES), request);
		return noContent();
	}

	@DeleteMapping(path = AuditPaths.DEVICES + "/**")
	ResponseEntity<Object> disable(HttpServletRequest http, Authentication caller) {
		if (!isAuditService(caller)) {
			return denied(AuditPaths.DEVICES);
		}
		activeOnly();
		this.devices.disable(pathBelow(http, AuditPaths.DEVICES));
		return noContent();
	}

	@PostMapping(path = AuditPaths.HASH + "/**", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> hash(@RequestBody AuditHashRequest request, HttpServletRequest http, Authentication caller) {
		if (!isAuditService(caller)) {
			return denied(AuditPaths.HASH);
		}
		activeOnly();
		if (request.input() == null || request.input().isEmpty()) {
			throw VaultException.badRequest("the \"input\" parameter is empty");
		}
		String path = AuditDevices.normalize(pathBelow(http, AuditPaths.HASH));
		EnabledDevice device = this.devices.get(path)
			.orElseThrow(() -> VaultException.badRequest("unknown audit backend \"" + path + "\""));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(new AuditHash(device.hash(request.input())));
	}

	private void activeOnly() {
		if (this.barrier.isSealed()) {
			throw new SealedException();
		}
		if (!this.ha.isActive()) {
			throw new StandbyException("not the active node");
		}
	}

	/** The device path after {@code prefix/}, URL-decoded. */
	private static String pathBelow(HttpServletRequest http, String prefix) {
		String uri = http.getRequestURI();
		String rest = (uri.length() > prefix.length()) ? uri.substring(prefix.length() + 1) : "";
		return java.net.URLDecoder.decode(rest.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
	}

	private static ResponseEntity<Object> noContent() {
		return ResponseEntity.noContent().header("Content-Type", MediaType.APPLICATION_JSON_VALUE).build();
	}

	private static ResponseEntity<Object> denied(String path) {
		logger.warn("Refused {} from a caller that is not audit-service", path);
		return ResponseEntity.status(403)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new VaultErrorBody(List.of("permission denied")));
	}

	private static boolean isAuditService(Authentication caller) {
		return caller != null && caller.getPrincipal() instanceof Jwt identity
				&& InternalIdentity.issuer(AuditPaths.CALLER).equals(identity.getClaimAsString(JwtClaimNames.ISS));
	}

}
