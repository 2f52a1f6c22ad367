/**
 * The logical request path of a node: {@code /v1/**} comes in through
 * {@link io.coffer.secrets.pipeline.VaultController} and runs through
 * {@link io.coffer.secrets.pipeline.RequestHandler}. It sits on top of every feature; the
 * servlet-level plumbing it uses (request reading, response writing, error mapping) lives
 * in {@code io.coffer.secrets.http}, which depends on no feature.
 */
package io.coffer.secrets.pipeline;
