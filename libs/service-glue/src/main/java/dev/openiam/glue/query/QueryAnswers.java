package dev.openiam.glue.query;

import dev.openiam.authorization.GlobalKeys;
import dev.openiam.awsprotocol.error.ErrorAnswer;
import dev.openiam.awsprotocol.sigv4.HttpRequestData;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every AWS Query front door reads from the HTTP request and how it sends its answers. */
public final class QueryAnswers {

    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private QueryAnswers() {
    }

    /** The request as it was signed: method, path and query still encoded, the headers, the body. */
    public static HttpRequestData signed(String method, byte[] body, HttpHeaders headers, HttpServerRequest request) {
        return new HttpRequestData(method, request.path(), request.query(), copy(headers, request), body);
    }

    /** The request as it was signed, read from Vert.x alone (a route outside JAX-RS). */
    public static HttpRequestData signed(String method, byte[] body, HttpServerRequest request) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        request.headers().names().forEach(name -> copy.put(name, new ArrayList<>(request.headers().getAll(name))));
        return new HttpRequestData(method, request.path(), request.query(), withHost(copy, request.headers().get("host"), request),
                body);
    }

    /** What the HTTP request tells about the call, for the global condition keys. */
    public static GlobalKeys.Call call(HttpHeaders headers, HttpServerRequest request) {
        return call(request, headers.getHeaderString("User-Agent"));
    }

    /** What the HTTP request tells about the call, read from Vert.x alone. */
    public static GlobalKeys.Call call(HttpServerRequest request) {
        return call(request, request.getHeader("User-Agent"));
    }

    private static GlobalKeys.Call call(HttpServerRequest request, String userAgent) {
        return new GlobalKeys.Call(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.isSSL(), userAgent);
    }

    /** A Query document answered with 200 and the request id. */
    public static Response ok(String xml, String requestId) {
        return Response.ok(xml, "text/xml").header(REQUEST_ID_HEADER, requestId).build();
    }

    /** An error answer as JAX-RS sends it, with the request id header AWS services send. */
    public static Response send(ErrorAnswer answer) {
        return Response.status(answer.status()).type(answer.contentType())
                .header(ErrorAnswer.REQUEST_ID_HEADER, answer.requestId()).entity(answer.body()).build();
    }

    /** The headers as signed; over HTTP/2 the host travels as {@code :authority}, which SigV4 signs as {@code host}. */
    private static Map<String, List<String>> copy(HttpHeaders headers, HttpServerRequest request) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
        return withHost(copy, headers.getHeaderString("host"), request);
    }

    private static Map<String, List<String>> withHost(Map<String, List<String>> copy, String host, HttpServerRequest request) {
        if (host == null && request.authority() != null) {
            copy.put("host", List.of(request.authority().toString()));
        }
        return copy;
    }
}
