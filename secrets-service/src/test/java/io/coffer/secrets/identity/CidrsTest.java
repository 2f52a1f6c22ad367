package io.coffer.secrets.identity;

import java.util.List;

import io.coffer.secrets.kernel.VaultException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrsTest {

	@Test
	void addressesMatchTheirBlocksOnly() {
		List<String> blocks = List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/32");
		assertThat(Cidrs.contains(blocks, "10.200.3.4")).isTrue();
		assertThat(Cidrs.contains(blocks, "11.0.0.1")).isFalse();
		assertThat(Cidrs.contains(blocks, "192.168.1.7")).isTrue();
		assertThat(Cidrs.contains(blocks, "192.168.1.8")).isFalse();
		assertThat(Cidrs.contains(blocks, "2001:db8::1")).isTrue();
		assertThat(Cidrs.contains(blocks, "2001:db9::1")).isFalse();
	}

	@Test
	void subsetsAndInvalidBlocks() {
		assertThat(Cidrs.subset(List.of("10.1.0.0/16"), List.of("10.0.0.0/8"))).isTrue();
		assertThat(Cidrs.subset(List.of("10.0.0.0/8"), List.of("10.1.0.0/16"))).isFalse();
		assertThat(Cidrs.subset(List.of("10.0.0.0/8"), List.of())).isTrue();
		assertThatThrownBy(() -> Cidrs.validate(List.of("example.com/8"), "cidr_list"))
			.isInstanceOf(VaultException.class)
			.hasMessageStartingWith("invalid CIDR block in \"cidr_list\"")
			.extracting((ex) -> ((VaultException) ex).status())
			.isEqualTo(400);
		// A host name is refused, never looked up.
		assertThatThrownBy(() -> Cidrs.validate(List.of("localhost"), "token_bound_cidrs"))
			.hasMessageStartingWith("invalid CIDR block in \"token_bound_cidrs\"");
		assertThatThrownBy(() -> Cidrs.validate(List.of("cafe.be"), "token_bound_cidrs"))
			.isInstanceOf(VaultException.class);
		assertThatThrownBy(() -> Cidrs.validate(List.of("10.0.0.0/33"), "cidr_list"))
			.isInstanceOf(VaultException.class);
	}

}
