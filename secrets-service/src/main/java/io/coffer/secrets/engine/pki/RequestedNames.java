package io.coffer.secrets.engine.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.IPAddress;

import io.coffer.secrets.kernel.VaultException;

/**
 * The names a certificate is asked for: the common name, DNS names and e-mail addresses
 * (from {@code common_name} and {@code alt_names}, or from a CSR), and IP addresses, as
 * Vault collects them: a name that is not a host name is silently left out of the DNS
 * names, an address with {@code @} is an e-mail.
 *
 * @param commonName the CN; empty for none
 * @param dnsNames DNS names for the subject alternative names
 * @param emails e-mail addresses for the subject alternative names
 * @param ips IP addresses for the subject alternative names
 */
record RequestedNames(String commonName, List<String> dnsNames, List<String> emails, List<InetAddress> ips) {

	/** From a request's {@code common_name}, {@code alt_names} and {@code ip_sans}. */
	static RequestedNames fromRequest(Map<String, Object> data, boolean allowIpSans) {
		String cn = PkiFields.string(data, "common_name", "");
		List<String> dns = new ArrayList<>();
		List<String> emails = new ArrayList<>();
		if (!cn.isEmpty() && !PkiFields.bool(data, "exclude_cn_from_sans", false)) {
			add(cn, dns, emails);
		}
		for (String alt : PkiFields.commaList(data, "alt_names", List.of())) {
			add(alt, dns, emails);
		}
		List<String> ipSans = PkiFields.commaList(data, "ip_sans", List.of());
		return new RequestedNames(cn, dedup(dns), dedup(emails), ips(ipSans, allowIpSans));
	}

	/**
	 * From a CSR: its CN (else the request's {@code common_name}) and its subject
	 * alternative names (Vault's role defaults {@code use_csr_common_name} and
	 * {@code use_csr_sans}).
	 */
	static RequestedNames fromCsr(PKCS10CertificationRequest csr, Map<String, Object> data, boolean allowIpSans) {
		String cn = "";
		RDN[] rdns = csr.getSubject().getRDNs(BCStyle.CN);
		if (rdns.length > 0) {
			cn = IETFUtils.valueToString(rdns[0].getFirst().getValue());
		}
		if (cn.isEmpty()) {
			cn = PkiFields.string(data, "common_name", "");
		}
		List<String> dns = new ArrayList<>();
		List<String> emails = new ArrayList<>();
		List<InetAddress> ips = new ArrayList<>();
		for (GeneralName name : csrNames(csr)) {
			switch (name.getTagNo()) {
				case GeneralName.dNSName -> dns.add(((ASN1String) name.getName()).getString());
				case GeneralName.rfc822Name -> emails.add(((ASN1String) name.getName()).getString());
				case GeneralName.iPAddress -> ips.add(address(ASN1OctetString.getInstance(name.getName()).getOctets()));
				default -> {
					// Other name forms (URIs, other names) are not issued.
				}
			}
		}
		if (!cn.isEmpty() && !PkiFields.bool(data, "exclude_cn_from_sans", false)) {
			add(cn, dns, emails);
		}
		if (!ips.isEmpty() && !allowIpSans) {
			throw VaultException
				.badRequest("IP Subject Alternative Names are not allowed in this role, but was provided some via CSR");
		}
		return new RequestedNames(cn, dedup(dns), dedup(emails), ips);
	}

	private static List<GeneralName> csrNames(PKCS10CertificationRequest csr) {
		List<GeneralName> names = new ArrayList<>();
		for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
			if (attribute.getAttrValues().size() == 0) {
				continue;
			}
			Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
			GeneralNames sans = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
			if (sans != null) {
				names.addAll(List.of(sans.getNames()));
			}
		}
		return names;
	}

	private static void add(String name, List<String> dns, List<String> emails) {
		if (name.contains("@")) {
			emails.add(name);
		}
		else if (NamePolicy.isHostname(name)) {
			dns.add(name);
		}
	}

	private static List<InetAddress> ips(List<String> values, boolean allowed) {
		if (values.isEmpty()) {
			return List.of();
		}
		if (!allowed) {
			throw VaultException
				.badRequest("IP Subject Alternative Names are not allowed in this role, but was provided " + "["
						+ String.join(" ", values) + "]");
		}
		List<InetAddress> out = new ArrayList<>();
		for (String value : values) {
			// Checked as a literal first: InetAddress would resolve a host name through
			// DNS.
			if (!IPAddress.isValid(value)) {
				throw VaultException.badRequest("the value \"" + value + "\" is not a valid IP address");
			}
			try {
				out.add(InetAddress.getByName(value));
			}
			catch (UnknownHostException ex) {
				throw VaultException.badRequest("the value \"" + value + "\" is not a valid IP address");
			}
		}
		return out;
	}

	private static InetAddress address(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw VaultException.badRequest("certificate request carries an invalid IP address");
		}
	}

	private static List<String> dedup(List<String> names) {
		return List.copyOf(new LinkedHashSet<>(names));
	}

}
