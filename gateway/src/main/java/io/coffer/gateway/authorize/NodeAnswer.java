package io.coffer.gateway.authorize;

import java.net.URI;

import org.springframework.http.HttpHeaders;

/**
 * The active node's whole answer to {@code /internal/authorize}.
 *
 * @param node the node that answered
 * @param status its status code
 * @param headers its headers
 * @param body its body (may be empty)
 */
public record NodeAnswer(URI node, int status, HttpHeaders headers, byte[] body) {

}
