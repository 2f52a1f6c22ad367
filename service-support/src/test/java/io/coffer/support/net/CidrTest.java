package io.coffer.support.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CidrTest {

	@Test
	void addressLiteralsParseWithoutAnyLookup() {
		assertThat(IpAddresses.parse("10.0.0.1")).containsExactly(10, 0, 0, 1);
		assertThat(IpAddresses.parse("::1")).hasSize(16).endsWith(1);
		assertThat(IpAddresses.format(IpAddresses.parse("2001:db8::1:2"))).isEqualTo("2001:db8:0:0:0:0:1:2");
		assertThat(IpAddresses.parse("::ffff:192.168.1.9")).containsExactly(192, 168, 1, 9);
		assertThat(IpAddresses.format(IpAddresses.parse("1:2:3:4:5:6:7:8"))).isEqualTo("1:2:3:4:5:6:7:8");
		assertThat(IpAddresses.parse("::")).hasSize(16);
	}

	@Test
	void hostNamesAndLaxFormsAreNotAddresses() {
		// Each of these would reach DNS (or be read oddly) through InetAddress.getByName.
		for (String text : new String[] { "localhost", "example.com", "cafe.be", "999.1.1.1", "10.1", "010.0.0.1",
				"1.2.3.4.5", "1::2::3", "1:2:3:4:5:6:7:8:9", "fe80::1%lo", "", " 10.0.0.1", "0x7f.0.0.1",
				"1:2:3:4:5:6:7:8::" }) {
			assertThat(IpAddresses.isLiteral(text)).as(text).isFalse();
		}
	}

	@Test
	void blocksContainTheirAddressesOnly() {
		Cidr v4 = Cidr.parse("10.1.2.3/8");
		assertThat(v4.contains("10.200.3.4")).isTrue();
		assertThat(v4.contains("11.0.0.1")).isFalse();
		assertThat(v4.contains("::1")).isFalse();
		assertThat(Cidr.parse("192.168.1.7").contains("192.168.1.7")).isTrue();
		assertThat(Cidr.parse("192.168.1.7").contains("192.168.1.8")).isFalse();
		assertThat(Cidr.parse("127.0.0.2/31").contains("127.0.0.3")).isTrue();
		assertThat(Cidr.parse("127.0.0.2/32").contains("127.0.0.3")).isFalse();
		assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:ffff::1")).isTrue();
		assertThat(Cidr.parse("2001:db8::/32").contains("2001:db9::1")).isFalse();
		assertThat(Cidr.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
		assertThat(Cidr.parse("10.0.0.0/8").covers(Cidr.parse("10.1.0.0/16"))).isTrue();
		assertThat(Cidr.parse("10.1.0.0/16").covers(Cidr.parse("10.0.0.0/8"))).isFalse();
	}

	@Test
	void malformedBlocksAreRefused() {
		for (String text : new String[] { "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8",
				"example.com/8", "10.0.0.0/ 8", "10.0.0.0/+8" }) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> Cidr.parse(text));
		}
	}

}
