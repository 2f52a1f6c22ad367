package io.coffer.secrets.engine.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.coffer.secrets.kernel.VaultException;

/**
 * The request's {@code format} ({@code pem}, {@code der} or {@code pem_bundle}) and
 * {@code private_key_format} ({@code der}/{@code pem}: the key type's own structure, or
 * {@code pkcs8}), and how certificates and keys are written with them.
 */
record OutputFormat(String format, boolean pkcs8) {

	static OutputFormat of(Map<String, Object> data) {
		String format = PkiFields.string(data, "format", "pem").toLowerCase(Locale.ROOT);
		if (format.isEmpty()) {
			format = "pem";
		}
		if (!format.equals("pem") && !format.equals("der") && !format.equals("pem_bundle")) {
			throw VaultException
				.badRequest("the \"format\" path parameter must be \"pem\", \"der\", or \"pem_bundle\"");
		}
		String keyFormat = PkiFields.string(data, "private_key_format", "der").toLowerCase(Locale.ROOT);
		if (!keyFormat.isEmpty() && !keyFormat.equals("der") && !keyFormat.equals("pem")
				&& !keyFormat.equals("pkcs8")) {
			throw VaultException
				.badRequest("the \"private_key_format\" path parameter must be \"der\", \"pem\", or \"pkcs8\"");
		}
		return new OutputFormat(format, keyFormat.equals("pkcs8"));
	}

	boolean der() {
		return this.format.equals("der");
	}

	String certificate(X509Certificate certificate) {
		return der() ? Pem.base64(Pem.encoded(certificate)) : Pem.certificate(certificate);
	}

	String privateKey(PrivateKey key) {
		return Pem.privateKey(key, this.pkcs8, der());
	}

	/**
	 * The {@code certificate} field: the certificate, or for {@code pem_bundle} the
	 * private key (when there is one), the certificate and its chain in one PEM text.
	 */
	String certificateField(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
		if (!this.format.equals("pem_bundle")) {
			return certificate(certificate);
		}
		List<String> parts = new ArrayList<>();
		if (key != null) {
			parts.add(privateKey(key));
		}
		parts.add(Pem.certificate(certificate));
		chain.stream().filter((ca) -> !ca.equals(certificate)).forEach((ca) -> parts.add(Pem.certificate(ca)));
		return String.join("\n", parts);
	}

}
