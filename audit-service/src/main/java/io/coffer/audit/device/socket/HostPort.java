package io.coffer.audit.device.socket;

import java.net.InetSocketAddress;

/** A socket device's {@code address}: {@code host:port} or {@code [v6]:port}. */
record HostPort(String host, int port) {

	static HostPort parse(String address) {
		int colon = address.lastIndexOf(':');
		if (colon <= 0 || colon == address.length() - 1) {
			throw new IllegalArgumentException("invalid address \"" + address + "\": missing port");
		}
		String host = address.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		try {
			int port = Integer.parseInt(address.substring(colon + 1));
			if (port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return new HostPort(host, port);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("invalid address \"" + address + "\": invalid port");
		}
	}

	/** Resolved now (a name may move between connections). */
	InetSocketAddress resolve() {
		return new InetSocketAddress(this.host, this.port);
	}

	@Override
	public String toString() {
		return (this.host.contains(":") ? "[" + this.host + "]" : this.host) + ":" + this.port;
	}

}
