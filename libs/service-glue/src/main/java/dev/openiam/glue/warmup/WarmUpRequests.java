package dev.openiam.glue.warmup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The requests a service sends its own public port at start ({@link WarmUp}), so that the code of its public paths is
 * loaded and compiled before callers come. They must write nothing and reach no caller's data: typically requests that
 * go through the front door's parsing and lookups and are refused before anything is performed (no audit record is
 * written for them, as for any request refused before it has a caller).
 */
public interface WarmUpRequests {

    /** One request: method, path with its query, headers and body. */
    record Request(String method, String uri, Map<String, String> headers, byte[] body) {
    }

    /** The requests to send, round robin, made for a warm-up starting {@code now}. */
    List<Request> requests(Instant now);
}
