package io.coffer.snapshot.target.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.coffer.snapshot.policy.S3Settings;
import io.coffer.snapshot.policy.S3Settings.S3Encryption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One file uploaded as an S3 multipart upload, streamed from disk in parts of a bounded
 * size (each part read again from the file if the SDK retries it, so memory stays at a
 * buffer whatever the snapshot's size). Any failure aborts the upload, so no part is left
 * billed in the bucket and no object appears under the key.
 */
final class MultipartUpload {

	/** S3 allows at most this many parts in one upload. */
	private static final int MAX_PARTS = 10_000;

	private final S3Client client;

	private final S3Settings s3;

	private final long partSize;

	private final boolean checksums;

	MultipartUpload(S3Client client, S3Settings s3, long partSize) {
		this.client = client;
		this.s3 = s3;
		this.partSize = partSize;
		// AWS: a CRC32 per part, checked by S3 (S3Clients says why not elsewhere)
		this.checksums = s3.endpoint().isEmpty();
	}

	void upload(Path file, String key) throws IOException {
		long size = Files.size(file);
		// a snapshot past 10,000 parts gets larger parts rather than failing
		long part = Math.max(this.partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
		String uploadId;
		try {
			uploadId = this.client.createMultipartUpload(create(key)).uploadId();
		}
		catch (SdkException ex) {
			throw S3Errors.describe("uploading s3://" + this.s3.bucket() + "/" + key, ex, this.s3);
		}
		try {
			List<CompletedPart> parts = new ArrayList<>();
			long offset = 0;
			int number = 1;
			do {
				long length = Math.min(part, size - offset);
				parts.add(uploadPart(file, key, uploadId, new Part(number, offset, length)));
				offset += length;
				number++;
			}
			while (offset < size);
			this.client.completeMultipartUpload((request) -> request.bucket(this.s3.bucket())
				.key(key)
				.uploadId(uploadId)
				.multipartUpload((upload) -> upload.parts(parts)));
		}
		catch (SdkException ex) {
			IOException failure = S3Errors.describe("uploading s3://" + this.s3.bucket() + "/" + key, ex, this.s3);
			abort(key, uploadId, failure);
			throw failure;
		}
		catch (RuntimeException ex) {
			abort(key, uploadId, ex);
			throw ex;
		}
	}

	private CreateMultipartUploadRequest create(String key) {
		CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder()
			.bucket(this.s3.bucket())
			.key(key)
			.contentType("application/gzip");
		if (this.checksums) {
			request.checksumAlgorithm(ChecksumAlgorithm.CRC32);
		}
		S3Encryption encryption = this.s3.encryption();
		if (encryption.aes256()) {
			request.serverSideEncryption(ServerSideEncryption.AES256);
		}
		else if (encryption.kms()) {
			request.serverSideEncryption(ServerSideEncryption.AWS_KMS);
			if (!encryption.kmsKey().isEmpty()) {
				request.ssekmsKeyId(encryption.kmsKey());
			}
		}
		return request.build();
	}

	private CompletedPart uploadPart(Path file, String key, String uploadId, Part part) {
		UploadPartResponse response = this.client.uploadPart(
				(request) -> request.bucket(this.s3.bucket())
					.key(key)
					.uploadId(uploadId)
					.partNumber(part.number())
					.contentLength(part.length())
					.checksumAlgorithm(this.checksums ? ChecksumAlgorithm.CRC32 : null),
				RequestBody.fromContentProvider(() -> slice(file, part), part.length(), "application/octet-stream"));
		return CompletedPart.builder()
			.partNumber(part.number())
			.eTag(response.eTag())
			.checksumCRC32(response.checksumCRC32())
			.build();
	}

	/**
	 * A new stream of the part's bytes each time the SDK asks (it does again on a retry).
	 */
	private static InputStream slice(Path file, Part part) {
		try {
			FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(part.offset());
			return new BoundedInputStream(Channels.newInputStream(channel), part.length());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Part {@code number} (from 1): {@code length} bytes of the file from {@code offset}.
	 */
	private record Part(int number, long offset, long length) {
	}

	private void abort(String key, String uploadId, Exception cause) {
		try {
			this.client.abortMultipartUpload((request) -> request.bucket(this.s3.bucket()).key(key).uploadId(uploadId));
		}
		catch (SdkException ex) {
			cause.addSuppressed(S3Errors.describe("aborting the upload", ex, this.s3));
		}
	}

}
