package io.coffer.secrets.seal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code coffer.seal.*}: which seal protects the root key.
 *
 * @param type {@code shamir} (default), {@code awskms} or {@code transit}
 * @param awskms settings of the AWS KMS seal
 * @param transit settings of the transit seal
 * @param retry how often a sealed auto-unseal node tries again
 */
@ConfigurationProperties("coffer.seal")
public record SealProperties(@DefaultValue("shamir") String type, AwsKms awskms, Transit transit,
		@DefaultValue Retry retry) {

	/**
	 * @param region AWS region of the key
	 * @param kmsKeyId key id, ARN or alias of a symmetric KMS key
	 * @param endpoint optional endpoint override (VPC endpoint, FIPS, a test server)
	 */
	public record AwsKms(String region, String kmsKeyId, URI endpoint) {
	}

	/**
	 * @param address base address of the Coffer or Vault serving the transit engine, e.g.
	 * {@code https://unsealer.example:8200}
	 * @param token token allowed to update {@code <mount>encrypt/<key>} and
	 * {@code <mount>decrypt/<key>}
	 * @param mountPath mount of the transit engine, with a trailing slash
	 * @param keyName transit key name
	 * @param timeout per-request timeout
	 */
	public record Transit(URI address, String token, @DefaultValue("transit/") String mountPath, String keyName,
			@DefaultValue("10s") Duration timeout) {

		@Override
		public String toString() {
			return "Transit[address=" + this.address + ", token=<redacted>, mountPath=" + this.mountPath + ", keyName="
					+ this.keyName + "]";
		}

	}

	/**
	 * @param initialBackoff wait after the first failed auto-unseal attempt
	 * @param maxBackoff the wait doubles up to this
	 */
	public record Retry(@DefaultValue("1s") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff) {
	}

}
