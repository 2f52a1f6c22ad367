package io.coffer.snapshot.target.s3;

import java.io.IOException;

import io.coffer.snapshot.policy.S3Settings;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An S3 failure as a message for the status and the log: what was attempted, S3's status
 * and error code, or the client's reason (endpoint unreachable, no credentials). The
 * secret key and session token are never part of it, even should a message echo them.
 */
final class S3Errors {

	private S3Errors() {
	}

	static IOException describe(String what, SdkException ex, S3Settings s3) {
		String reason;
		if (ex instanceof AwsServiceException service && service.awsErrorDetails() != null) {
			String code = service.awsErrorDetails().errorCode();
			String message = service.awsErrorDetails().errorMessage();
			reason = "S3 answered " + service.statusCode() + ((code != null) ? " " + code : "")
					+ ((message != null) ? ": " + message : "");
		}
		else {
			reason = String.valueOf(ex.getMessage());
		}
		return new IOException(redact(what + " failed: " + reason, s3));
	}

	private static String redact(String text, S3Settings s3) {
		String out = text;
		for (String secret : new String[] { s3.credentials().secretAccessKey(), s3.credentials().sessionToken() }) {
			if (!secret.isEmpty()) {
				out = out.replace(secret, "[redacted]");
			}
		}
		return out;
	}

}
