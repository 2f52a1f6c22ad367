/**
 * The seal's HTTP adapters: {@code sys/init}, {@code sys/seal-status},
 * {@code sys/unseal}, {@code sys/seal}, {@code sys/generate-root/*} and
 * {@code sys/rekey*}, which work while the node is sealed and therefore bypass the
 * logical request pipeline. They live next to the seal they drive.
 */
package io.coffer.secrets.seal.http;
