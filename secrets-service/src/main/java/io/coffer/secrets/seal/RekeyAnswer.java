package io.coffer.secrets.seal;

/** What {@code sys/rekey/update} answers: the status, or the new keys once complete. */
public sealed interface RekeyAnswer permits RekeyStatus, RekeyResult {

}
