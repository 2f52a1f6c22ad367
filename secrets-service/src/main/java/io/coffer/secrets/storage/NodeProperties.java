package io.coffer.secrets.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code coffer.node.*}: who this secrets node is.
 *
 * @param id stable node id, e.g. {@code node1}
 * @param apiAddress this node's HTTP address, published while it is active
 */
@ConfigurationProperties("coffer.node")
public record NodeProperties(@DefaultValue("node1") String id,
		@DefaultValue("http://127.0.0.1:8210") String apiAddress) {
}
