package dev.openiam.awsprotocol.error;

/**
 * An error ready to send: the HTTP status, the content type and the body, and the request id the body names
 * (send it as {@code x-amzn-RequestId} too).
 */
public record ErrorAnswer(int status, String contentType, String body, String requestId) {

    /** The header AWS services answer the request id in. */
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
}
