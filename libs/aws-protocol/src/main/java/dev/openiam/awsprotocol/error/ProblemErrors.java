package dev.openiam.awsprotocol.error;

/**
 * The REST APIs' error renderer: a problem document (RFC 9457, {@code application/problem+json}) whose
 * {@code title} and {@code code} are the AWS error code and whose {@code detail} is its message:
 * {@code {"type", "title", "status", "detail", "code", "requestId"}}.
 */
public final class ProblemErrors {

    public static final String CONTENT_TYPE = "application/problem+json";
    /** Where AWS documents its common error codes; every problem's {@code type}. */
    public static final String TYPE = "https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html";

    private ProblemErrors() {
    }

    /** {@code failure} as a problem document, reported to {@code log}. */
    public static ErrorAnswer render(Throwable failure, String requestId, FailureLog log) {
        return render(log.report(ClientError.of(failure), failure), requestId);
    }

    /** An error already decided (and logged) by the caller. */
    public static ErrorAnswer render(ClientError error, String requestId) {
        int status = error.status();
        String code = error.code().awsCode();
        String body = "{\"type\":" + string(TYPE) + ",\"title\":" + string(code) + ",\"status\":" + status
                + ",\"detail\":" + string(error.message()) + ",\"code\":" + string(code) + ",\"requestId\":" + string(requestId) + "}";
        return new ErrorAnswer(status, CONTENT_TYPE, body, requestId);
    }

    /** A JSON string literal. */
    static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
