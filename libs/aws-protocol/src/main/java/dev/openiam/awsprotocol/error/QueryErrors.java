package dev.openiam.awsprotocol.error;

import dev.openiam.awsprotocol.query.QueryXml;

/**
 * The AWS Query protocol's error renderer, for every service that answers it (IAM, STS): {@code
 * <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>} with the code's HTTP
 * status, as the AWS CLI and SDKs parse it.
 */
public final class QueryErrors {

    private QueryErrors() {
    }

    /** {@code failure} as IAM answers it ({@code Version=2010-05-08}), reported to {@code log}. */
    public static ErrorAnswer render(Throwable failure, String requestId, FailureLog log) {
        return render(QueryXml.IAM_NAMESPACE, failure, requestId, log);
    }

    /** {@code failure} in the error document of the service whose XML namespace is {@code namespace}. */
    public static ErrorAnswer render(String namespace, Throwable failure, String requestId, FailureLog log) {
        return render(namespace, log.report(ClientError.of(failure), failure), requestId);
    }

    /** An error already decided (and logged) by the caller. */
    public static ErrorAnswer render(String namespace, ClientError error, String requestId) {
        return new ErrorAnswer(error.status(), QueryXml.CONTENT_TYPE,
                QueryXml.error(namespace, error.code(), error.message(), requestId), requestId);
    }
}
