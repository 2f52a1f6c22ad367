package io.coffer.secrets.auth.userpass;

import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.token.TokenParams;

/**
 * A userpass user.
 *
 * @param passwordHash the bcrypt hash (never the password, never returned)
 * @param token what a login's token gets
 */
record User(String passwordHash, TokenParams token) {

	User withPasswordHash(String hash) {
		return new User(hash, this.token);
	}

	User withToken(TokenParams params) {
		return new User(this.passwordHash, params);
	}

	Map<String, Object> describe() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("policies", this.token.policies());
		this.token.describeInto(out);
		return out;
	}

	@Override
	public String toString() {
		return "User[passwordHash=<redacted>]";
	}

}
