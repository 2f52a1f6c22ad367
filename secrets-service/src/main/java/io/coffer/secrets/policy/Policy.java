package io.coffer.secrets.policy;

import java.util.List;

/**
 * A parsed ACL policy.
 *
 * @param name the policy name (lower case)
 * @param rules its path stanzas in source order; a pattern may repeat
 */
record Policy(String name, List<PathRule> rules) {

	Policy {
		rules = List.copyOf(rules);
	}

}
