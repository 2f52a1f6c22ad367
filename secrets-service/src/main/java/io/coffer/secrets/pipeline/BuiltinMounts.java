package io.coffer.secrets.pipeline;

import java.util.List;

import io.coffer.secrets.engine.cubbyhole.CubbyholeEngine;
import io.coffer.secrets.engine.identity.IdentityEngine;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.router.MountSource;
import io.coffer.secrets.sys.SystemBackend;
import io.coffer.secrets.token.TokenBackend;

import org.springframework.stereotype.Component;

/**
 * The mounts every node has and nobody enables or disables: {@code sys/},
 * {@code cubbyhole/}, {@code identity/} and {@code auth/token/}, in the router's one
 * table next to the stored mounts.
 */
@Component
class BuiltinMounts implements MountSource {

	private static final List<MountEntry> MOUNTS = List.of(SystemBackend.MOUNT, CubbyholeEngine.MOUNT,
			IdentityEngine.MOUNT, TokenBackend.MOUNT);

	private final SystemBackend system;

	private final CubbyholeEngine cubbyhole;

	private final TokenBackend tokens;

	private final IdentityEngine identity;

	BuiltinMounts(SystemBackend system, CubbyholeEngine cubbyhole, TokenBackend tokens, IdentityEngine identity) {
		this.system = system;
		this.cubbyhole = cubbyhole;
		this.tokens = tokens;
		this.identity = identity;
	}

	@Override
	public List<MountEntry> mounts() {
		return MOUNTS;
	}

	@Override
	public SecretEngine engine(MountEntry mount) {
		if (mount == SystemBackend.MOUNT) {
			return this.system;
		}
		if (mount == IdentityEngine.MOUNT) {
			return this.identity;
		}
		return (mount == CubbyholeEngine.MOUNT) ? this.cubbyhole : this.tokens;
	}

}
