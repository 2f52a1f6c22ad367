package io.coffer.secrets.policy;

/**
 * One {@code path "<pattern>" { ... }} stanza.
 *
 * @param pattern the pattern as written, leading {@code /} removed (a trailing {@code *}
 * kept)
 * @param permissions what it grants
 */
record PathRule(String pattern, Permissions permissions) {
}
