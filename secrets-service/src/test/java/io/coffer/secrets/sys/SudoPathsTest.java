package io.coffer.secrets.sys;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SudoPathsTest {

	@Test
	void sudoPathsAreVaultsList() {
		assertThat(List.of("auth/userpass", "auth/", "remount", "audit", "audit/file", "raw/core/x", "rotate",
				"config/cors", "config/auditing/request-headers/x", "revoke-prefix/aws", "leases/revoke-prefix/aws",
				"revoke-force/aws", "leases/revoke-force/aws", "leases/lookup/aws/", "seal", "step-down",
				"audit-stream/file/", "audit-verify", "storage/raft/snapshot-auto/config/daily"))
			.allMatch(SudoPaths.DECLARED::requiresSudo);
		assertThat(List.of("auth", "mounts/x", "policy/x", "policies/acl/x", "leases/lookup", "leases/renew",
				"capabilities-self", "remount/x", "sealx", "audit-hash/file/", "storage/raft/snapshot",
				"storage/raft/snapshot-auto/status/daily"))
			.noneMatch(SudoPaths.DECLARED::requiresSudo);
	}

	@Test
	void anEncodedLineBreakDoesNotSlipPastASudoPath() {
		assertThat(SudoPaths.DECLARED.requiresSudo("auth/x\ny")).isTrue();
		assertThat(SudoPaths.DECLARED.requiresSudo("raw\n")).isTrue();
	}

}
