package io.coffer.secrets.seal.awskms;

import java.util.Map;

import io.coffer.secrets.seal.Seal;
import io.coffer.secrets.seal.SealUnavailableException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Auto-unseal with an AWS KMS symmetric key. The root key is sent to KMS
 * {@code Encrypt}/{@code Decrypt} with an encryption context naming the storage path it
 * is kept at, so a ciphertext copied to another purpose does not decrypt.
 */
public final class AwsKmsSeal implements Seal, AutoCloseable {

	/**
	 * Encryption context key; KMS logs it in CloudTrail, so it names a path, never data.
	 */
	static final String CONTEXT_KEY = "coffer:storage-path";

	private final KmsClient kms;

	private final String keyId;

	public AwsKmsSeal(KmsClient kms, String keyId) {
		this.kms = kms;
		this.keyId = keyId;
	}

	@Override
	public String type() {
		return "awskms";
	}

	@Override
	public byte[] encrypt(byte[] plaintext, String purpose) {
		try {
			return this.kms
				.encrypt(EncryptRequest.builder()
					.keyId(this.keyId)
					.plaintext(SdkBytes.fromByteArray(plaintext))
					.encryptionContext(Map.of(CONTEXT_KEY, purpose))
					.build())
				.ciphertextBlob()
				.asByteArray();
		}
		catch (KmsException ex) {
			throw refused("Encrypt", ex);
		}
		catch (SdkClientException ex) {
			throw unreachable("Encrypt", ex);
		}
	}

	@Override
	public byte[] decrypt(byte[] ciphertext, String purpose) {
		try {
			return this.kms
				.decrypt(DecryptRequest.builder()
					.keyId(this.keyId)
					.ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
					.encryptionContext(Map.of(CONTEXT_KEY, purpose))
					.build())
				.plaintext()
				.asByteArray();
		}
		catch (KmsException ex) {
			throw refused("Decrypt", ex);
		}
		catch (SdkClientException ex) {
			throw unreachable("Decrypt", ex);
		}
	}

	@Override
	public void close() {
		this.kms.close();
	}

	/**
	 * KMS answered with an error: its code and message name the key and principal, never
	 * the data, so they go into the reason as they are.
	 */
	private SealUnavailableException refused(String operation, KmsException ex) {
		String code = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : "unknown";
		String message = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorMessage() : ex.getMessage();
		String hint = switch (code) {
			case "AccessDeniedException" -> "access denied: check the node's IAM permissions kms:Encrypt/kms:Decrypt";
			case "InvalidCiphertextException" -> "the stored root key was not encrypted by this key or context";
			case "NotFoundException" -> "the key does not exist in this account and region";
			case "DisabledException", "KMSInvalidStateException" -> "the key is disabled or pending deletion";
			default -> "request refused";
		};
		return new SealUnavailableException("AWS KMS " + operation + " with key " + this.keyId + " failed: " + hint
				+ " (" + code + ", HTTP " + ex.statusCode() + ": " + message + ")", ex);
	}

	private SealUnavailableException unreachable(String operation, SdkClientException ex) {
		return new SealUnavailableException("AWS KMS " + operation + " with key " + this.keyId
				+ " failed: KMS unreachable (" + ex.getMessage() + ")", ex);
	}

}
