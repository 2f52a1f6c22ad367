package io.coffer.secrets.sys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.KeyStatus;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.CallerAware;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.mount.MountService;
import io.coffer.secrets.seal.http.SealController;

import org.springframework.stereotype.Component;

/**
 * The logical {@code sys/} paths (those behind the token check). Raw paths that work
 * while sealed live in {@link SealController} and {@link HealthController}. A path not
 * served here is Vault's 404 {@code unsupported path}: nothing is pretended.
 */
@Component
public class SystemBackend implements SecretEngine, CallerAware {

	public static final MountEntry MOUNT = new MountEntry("sys/", "system",
			"system endpoints used for control, policy and debugging", "system_00000000",
			"00000000-0000-0000-0000-000000000001", MountEntry.MountConfig.DEFAULTS, null);

	private final MountsEndpoint mountsEndpoint;

	private final MountService mounts;

	private final Barrier barrier;

	private final StepDown stepDown;

	private final List<SysEndpoint> endpoints;

	SystemBackend(MountsEndpoint mountsEndpoint, MountService mounts, Barrier barrier, StepDown stepDown,
			List<SysEndpoint> endpoints) {
		this.mountsEndpoint = mountsEndpoint;
		this.mounts = mounts;
		this.barrier = barrier;
		this.stepDown = stepDown;
		this.endpoints = endpoints;
	}

	@Override
	public boolean requiresSudo(String path) {
		return SudoPaths.DECLARED.requiresSudo(path);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		for (SysEndpoint endpoint : this.endpoints) {
			if (endpoint.matches(request.path())) {
				return endpoint.handle(request, caller);
			}
		}
		return handle(request);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		String path = request.path();
		Operation op = request.operation();
		if (path.equals("mounts") || path.equals("mounts/")) {
			return only(op, Operation.READ, this.mountsEndpoint::list);
		}
		if (path.startsWith("mounts/")) {
			String rest = path.substring("mounts/".length());
			if (rest.endsWith("/tune")) {
				return this.mountsEndpoint.tune(request, rest.substring(0, rest.length() - "/tune".length()));
			}
			return this.mountsEndpoint.mount(request, rest);
		}
		if (path.equals("rotate")) {
			return writeOnly(op, () -> {
				this.barrier.rotate();
				return LogicalResponse.empty();
			});
		}
		if (path.equals("key-status")) {
			return only(op, Operation.READ, this::keyStatus);
		}
		if (path.equals("step-down")) {
			return writeOnly(op, () -> {
				this.stepDown.stepDown();
				return LogicalResponse.empty();
			});
		}
		throw VaultException.unsupportedPath(path);
	}

	private LogicalResponse keyStatus() {
		KeyStatus status = this.barrier.keyStatus();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("term", status.term());
		data.put("install_time", status.installTime().toString());
		data.put("encryptions", status.encryptions());
		return LogicalResponse.data(data).withTopLevelCopy();
	}

	private static LogicalResponse only(Operation actual, Operation allowed,
			java.util.function.Supplier<LogicalResponse> action) {
		if (actual != allowed) {
			throw VaultException.unsupportedOperation();
		}
		return action.get();
	}

	private static LogicalResponse writeOnly(Operation actual, java.util.function.Supplier<LogicalResponse> action) {
		if (actual != Operation.UPDATE && actual != Operation.CREATE) {
			throw VaultException.unsupportedOperation();
		}
		return action.get();
	}

}
