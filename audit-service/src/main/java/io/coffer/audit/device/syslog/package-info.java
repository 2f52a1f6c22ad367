/**
 * The {@code syslog} audit device: each line as one RFC 5424 message (severity
 * informational, APP-NAME = {@code tag}, MSGID {@code audit}, MSG = prefix + JSON line).
 *
 * <p>
 * Options and defaults: {@code address} ({@code 127.0.0.1:514}: Vault's device always
 * writes to the local agent; Coffer's lets it be named), {@code socket_type}
 * ({@code udp}, RFC 5426; {@code tcp}: RFC 6587 octet counting), {@code facility}
 * ({@code AUTH}, as Vault), {@code tag} ({@code vault}, as Vault), {@code write_timeout}
 * (TCP connect and write, {@code 2s}), and the common {@code prefix}. A UDP test write
 * sends one message with MSGID {@code test} and no MSG, and fails if the port answers
 * "unreachable"; a TCP one connects. Over UDP a line larger than a datagram fails the
 * write (the line is never truncated): use TCP for large entries. Syslog has no
 * acknowledgement: a line counts as written once the kernel took it, and a batch that
 * failed half-way is sent again whole (at least once).
 */
package io.coffer.audit.device.syslog;
