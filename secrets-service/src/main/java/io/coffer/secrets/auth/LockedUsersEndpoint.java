package io.coffer.secrets.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.auth.lockout.UserLockouts;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * {@code GET sys/locked-users} (optionally {@code ?mount_accessor=}) and
 * {@code POST sys/locked-users/:mount_accessor/unlock/:alias_identifier}, in Vault's
 * shapes; one namespace, {@code root}.
 */
@Component
class LockedUsersEndpoint implements SysEndpoint {

	private static final String PREFIX = "locked-users";

	private final AuthMounts mounts;

	private final UserLockouts lockouts;

	LockedUsersEndpoint(AuthMounts mounts, UserLockouts lockouts) {
		this.mounts = mounts;
		this.lockouts = lockouts;
	}

	@Override
	public boolean matches(String path) {
		return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		String rest = request.path().substring(PREFIX.length()).replaceFirst("^/", "");
		if (rest.isEmpty()) {
			if (request.operation() != Operation.READ) {
				throw VaultException.unsupportedOperation();
			}
			return list(request.data().get("mount_accessor"));
		}
		String[] parts = rest.split("/", 3);
		if (parts.length != 3 || !parts[1].equals("unlock") || parts[0].isEmpty() || parts[2].isEmpty()) {
			throw VaultException.unsupportedPath(request.fullPath());
		}
		if (request.operation() != Operation.UPDATE && request.operation() != Operation.CREATE) {
			throw VaultException.unsupportedOperation();
		}
		this.lockouts.unlock(parts[0], parts[2]);
		return LogicalResponse.empty();
	}

	private LogicalResponse list(Object accessorFilter) {
		List<String> accessors = new ArrayList<>();
		for (MountEntry mount : this.mounts.mounts()) {
			if (accessorFilter == null || accessorFilter.toString().isEmpty()
					|| mount.accessor().equals(accessorFilter.toString())) {
				accessors.add(mount.accessor());
			}
		}
		List<Map<String, Object>> byAccessor = new ArrayList<>();
		int total = 0;
		for (Map.Entry<String, List<String>> locked : this.lockouts.locked(accessors).entrySet()) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("mount_accessor", locked.getKey());
			one.put("counts", locked.getValue().size());
			one.put("alias_identifiers", locked.getValue());
			byAccessor.add(one);
			total += locked.getValue().size();
		}
		List<Map<String, Object>> byNamespace = new ArrayList<>();
		if (total > 0) {
			Map<String, Object> root = new LinkedHashMap<>();
			root.put("namespace_id", "root");
			root.put("namespace_path", "");
			root.put("counts", total);
			root.put("mount_accessors", byAccessor);
			byNamespace.add(root);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("by_namespace", byNamespace);
		data.put("total", total);
		return LogicalResponse.data(data);
	}

}
