package io.coffer.secrets.token;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.engine.LogicalRequest;
import io.coffer.secrets.engine.LogicalResponse;
import io.coffer.secrets.engine.Operation;
import io.coffer.secrets.engine.SecretEngine;
import io.coffer.secrets.engine.VaultException;
import io.coffer.secrets.mount.MountEntry;

import org.springframework.stereotype.Component;

/**
 * The {@code auth/token/} backend. So far it serves {@code lookup-self}; the rest of
 * Vault's token API arrives with the token and policy work and is answered with Vault's
 * 404 {@code unsupported path} until then.
 */
@Component
public class TokenBackend implements SecretEngine, CallerAware {

	public static final MountEntry MOUNT = new MountEntry("auth/token/", "token", "token based credentials",
			"auth_token_00000000", "00000000-0000-0000-0000-000000000002", MountEntry.MountConfig.DEFAULTS, null);

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		throw VaultException.permissionDenied();
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		if (request.path().equals("lookup-self")) {
			if (request.operation() != Operation.READ && request.operation() != Operation.UPDATE) {
				throw VaultException.unsupportedOperation();
			}
			return LogicalResponse.data(describe(caller));
		}
		throw VaultException.unsupportedPath(request.path());
	}

	private static Map<String, Object> describe(Caller caller) {
		TokenEntry entry = caller.entry();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("accessor", entry.accessor());
		data.put("creation_time", entry.creationTime());
		data.put("creation_ttl", entry.ttlSeconds());
		data.put("display_name", entry.displayName());
		data.put("entity_id", "");
		data.put("expire_time", (entry.ttlSeconds() == 0) ? null
				: Instant.ofEpochSecond(entry.creationTime() + entry.ttlSeconds()).toString());
		data.put("explicit_max_ttl", 0);
		data.put("id", caller.token());
		data.put("issue_time", Instant.ofEpochSecond(entry.creationTime()).toString());
		data.put("meta", entry.meta().isEmpty() ? null : entry.meta());
		data.put("num_uses", entry.numUses());
		data.put("orphan", entry.orphan());
		data.put("path", entry.path());
		data.put("policies", entry.policies());
		data.put("renewable", false);
		data.put("ttl", entry.ttlSeconds());
		data.put("type", "service");
		return data;
	}

}
