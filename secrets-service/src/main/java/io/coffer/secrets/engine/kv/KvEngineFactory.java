package io.coffer.secrets.engine.kv;

import java.time.Clock;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.engine.EngineFactory;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;

/**
 * Creates KV engines: version 1 unless the mount's {@code version} option is {@code "2"}.
 * Vault's aliases {@code kv-v1}/{@code kv-v2} (and the legacy {@code generic}) are served
 * too, should the mount layer pass them through unchanged.
 */
@Component
public class KvEngineFactory implements EngineFactory {

	private final Clock clock;

	private final KvJson json = new KvJson();

	public KvEngineFactory(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Set<String> types() {
		return Set.of("kv", "kv-v1", "kv-v2", "generic");
	}

	@Override
	public void validate(MountEntry mount) {
		version(mount);
	}

	@Override
	public SecretEngine create(MountEntry mount, BarrierView view) {
		return (version(mount) == 2) ? new KvV2Engine(view, this.json, this.clock) : new KvV1Engine(view, this.json);
	}

	private static int version(MountEntry mount) {
		if ("kv-v2".equals(mount.type())) {
			return 2;
		}
		if ("kv-v1".equals(mount.type())) {
			return 1;
		}
		String version = mount.options().get("version");
		if (version == null || version.isEmpty() || version.equals("1")) {
			return 1;
		}
		if (version.equals("2")) {
			return 2;
		}
		String shown = (version.length() > 16) ? version.substring(0, 16) + "..." : version;
		throw VaultException.badRequest("invalid KV version \"" + shown + "\": must be \"1\" or \"2\"");
	}

}
