package io.coffer.gateway.identity;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code coffer.identity}.
 *
 * @param signingKey PKCS#8 PEM EC P-256 private key the gateway signs internal identities
 * with; its public key is {@code <name>.pub.pem} beside it. Generated (per cluster) when
 * the file does not exist.
 */
@ConfigurationProperties("coffer.identity")
public record IdentityProperties(@DefaultValue(".coffer/local/identity/signing-key.pem") Path signingKey) {

}
