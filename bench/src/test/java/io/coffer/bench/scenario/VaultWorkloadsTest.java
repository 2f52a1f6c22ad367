package io.coffer.bench.scenario;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VaultWorkloadsTest {

	@Test
	void exactlyOneRequestInTenOfTheMixIsAWrite() {
		assertThat(LongStream.range(0, 1000).filter(VaultWorkloads::mixWrite).count()).isEqualTo(100);
		assertThat(LongStream.range(37, 47).filter(VaultWorkloads::mixWrite).count()).isEqualTo(1);
	}

	@Test
	void requestsOnlyTouchTheKeysThatWerePrepared() {
		assertThat(LongStream.range(0, 1000).mapToObj((seq) -> VaultWorkloads.kvPath(seq, 7)).distinct()).hasSize(7)
			.allMatch((path) -> path.matches("secret/data/bench/k[0-6]"));
	}

	@Test
	void theTransitPlaintextIsOneKibibyte() {
		VaultWorkloads workloads = new VaultWorkloads(10);

		assertThat(java.util.Base64.getDecoder().decode(workloads.transitPlaintextBase64())).hasSize(1024);
	}

}
