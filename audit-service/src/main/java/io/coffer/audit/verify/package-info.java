/**
 * Tamper evidence of a file device's output: {@link io.coffer.audit.verify.ChainVerifier}
 * follows every journal's {@code coffer_chain} through the file and reports the first
 * break as a {@link io.coffer.common.audit.ChainReport};
 * {@link io.coffer.audit.verify.FileDeviceVerifier} is the logic of
 * {@code sys/audit-verify}, {@link io.coffer.audit.verify.VerifyCommand} the command
 * line.
 */
package io.coffer.audit.verify;
