package dev.openiam.audit.stream;

import dev.openiam.audit.TestCallers;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GET requests to {@code /v1/events…} as a SigV4 client sends them: signed by the AWS SDK's own signer (signing name
 * {@code cloudtrail}, no body), the query string part of what is signed. Reads server-sent events from a stream.
 */
public final class SignedGets {

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One server-sent event. */
    public record Event(String id, String name, String data) {
    }

    private final URI base;

    public SignedGets(URI base) {
        this.base = base;
    }

    /** {@code path} with {@code query} (in order), signed with {@code key} ({@code null}: unsigned). */
    public HttpRequest request(TestCallers.Key key, String path, Map<String, String> query, Map<String, String> extraHeaders) {
        String encoded = query.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = base.resolve(path + (encoded.isEmpty() ? "" : "?" + encoded));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        extraHeaders.forEach(request::header);
        if (key != null) {
            SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri);
            extraHeaders.forEach(unsigned::putHeader);
            Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secret()))
                    .request(unsigned.build())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request().headers();
            headers.forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase()) && !extraHeaders.containsKey(name)) {
                    values.forEach(v -> request.header(name, v));
                }
            });
        }
        return request.build();
    }

    public HttpResponse<String> get(TestCallers.Key key, String path, Map<String, String> query) throws Exception {
        return HTTP.send(request(key, path, query, Map.of()), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a stream (after {@code lastEventId} if not {@code null}); the body is read only as the caller reads it. */
    public HttpResponse<InputStream> open(TestCallers.Key key, Map<String, String> query, String lastEventId) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/event-stream");
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return HTTP.send(request(key, "/v1/events/stream", query, headers), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads events of an open stream one by one (SSE framing: fields until an empty line). */
    public static final class Reader implements AutoCloseable {
        private final BufferedReader lines;

        public Reader(InputStream body) {
            this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        /** The next event, or {@code null} when the stream has ended. */
        public Event next() throws IOException {
            String id = null;
            String name = null;
            List<String> data = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        return new Event(id, name, String.join("\n", data));
                    }
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
