package dev.openiam.sts.workload;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata endpoints' answers: the credentials documents the SDKs read, and failures as a JSON document
 * {@code {"Code", "Message"}} (what EC2 and the container agents answer; the SDKs only look at the status) — never a
 * stack trace, never a secret in the log.
 */
final class MetadataAnswers {

    private static final Logger LOG = Logger.getLogger(MetadataAnswers.class);

    private MetadataAnswers() {
    }

    static Response json(int status, Map<String, ?> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    static Response text(String body) {
        return Response.ok(body, MediaType.TEXT_PLAIN).build();
    }

    static Response error(int status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("Code", code);
        body.put("Message", message);
        return json(status, body);
    }

    /** A failure of the work behind an answer: an AWS error as its status, anything else a 500 logged here. */
    static Response failure(Throwable failure) {
        if (failure instanceof IamException e) {
            if (e.code().httpStatus() >= 500) {
                LOG.errorf("workload credentials failed: %s", e.getMessage());
            } else {
                LOG.debugf("workload credentials refused: %s %s", e.code().awsCode(), e.getMessage());
            }
            return error(e.code().httpStatus(), e.code().awsCode(), e.getMessage());
        }
        LOG.error("workload credentials failed", failure);
        return error(500, ErrorCode.SERVICE_FAILURE.awsCode(), "the credentials could not be served; retry later");
    }
}
