package io.coffer.secrets.auth.jwt;

import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Offers Nimbus every configured PEM key that fits the JWT's algorithm, whatever its
 * {@code kid} (PEM keys have none): Vault tries each static key in turn too.
 */
final class StaticKeySelector implements JWSKeySelector<SecurityContext> {

	private final Set<JWSAlgorithm> algorithms;

	private final List<PublicKey> keys;

	StaticKeySelector(Set<JWSAlgorithm> algorithms, List<PublicKey> keys) {
		this.algorithms = Set.copyOf(algorithms);
		this.keys = List.copyOf(keys);
	}

	@Override
	public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
		JWSAlgorithm algorithm = header.getAlgorithm();
		if (!this.algorithms.contains(algorithm)) {
			return List.of();
		}
		return this.keys.stream().filter((key) -> fits(algorithm, key)).map(Key.class::cast).toList();
	}

	private static boolean fits(JWSAlgorithm algorithm, PublicKey key) {
		if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
			return key instanceof RSAPublicKey;
		}
		if (JWSAlgorithm.Family.EC.contains(algorithm) && key instanceof ECPublicKey ec) {
			Curve curve = Curve.forECParameterSpec(ec.getParams());
			return curve != null && Curve.forJWSAlgorithm(algorithm).contains(curve);
		}
		return false;
	}

}
