package dev.openiam.audit.caller;

import java.util.List;
import java.util.Map;

/** A SigV4-signed request as this service received it: method, path and query still encoded, headers, body. */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
}
