package io.coffer.secrets.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code coffer.identity}.
 *
 * @param verificationKeys PEM public keys (X.509 {@code PUBLIC KEY}) whose signatures
 * this node accepts; more than one while the gateway's key is rotated
 * @param clockSkew tolerated difference between the gateway's clock and this node's
 */
@ConfigurationProperties("coffer.identity")
public record IdentityProperties(List<Path> verificationKeys, @DefaultValue("5s") Duration clockSkew) {

	public IdentityProperties {
		verificationKeys = (verificationKeys != null) ? List.copyOf(verificationKeys) : List.of();
	}

}
