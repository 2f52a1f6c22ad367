/**
 * The {@code http} audit device, OpenBao 2.5's: lines POSTed to {@code uri} with the
 * {@code headers} (a JSON object of name to list of values). Coffer batches
 * ({@code batch_lines}, default 100, newline-delimited JSON; {@code 1} is OpenBao's body
 * exactly), bounds each POST ({@code write_timeout}, default 10s), never follows
 * redirects and fails on anything but 2xx (delivery then retries). The test write is an
 * empty POST. Delivery is at least once: when one POST of a write fails after earlier
 * ones succeeded, the whole batch is posted again, so a receiver may see a line twice
 * (each line's {@code coffer_chain} journal and seq identify it).
 */
package io.coffer.audit.device.http;
