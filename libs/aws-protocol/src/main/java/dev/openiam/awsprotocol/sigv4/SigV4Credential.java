package dev.openiam.awsprotocol.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a SigV4-signed request claims: the key, the credential scope, the signed headers and the
 * signature, as named by its {@code Authorization} header or its presigned query parameters.
 * Nothing in it is verified yet; {@link SigV4Verifier#verify} does that.
 *
 * @param accessKeyId   the access key id, e.g. {@code AKIA…} or {@code ASIA…}
 * @param date          the scope date, {@code yyyyMMdd}
 * @param region        the scope region (any region is accepted)
 * @param service       the scope service, e.g. {@code iam}
 * @param signedHeaders the signed header names, lower case, in the order given
 * @param signature     the signature, lower-case hex
 * @param requestTime   the request time ({@code X-Amz-Date}, or {@code Date})
 * @param securityToken {@code X-Amz-Security-Token}, or {@code null}
 * @param presigned     {@code true} for the presigned-query form
 * @param expires       {@code X-Amz-Expires} of the presigned form, else {@code null}
 */
public record SigV4Credential(String accessKeyId, String date, String region, String service,
        List<String> signedHeaders, String signature, Instant requestTime, String securityToken,
        boolean presigned, Duration expires) {

    public SigV4Credential {
        signedHeaders = List.copyOf(signedHeaders);
    }

    /** The credential scope, {@code date/region/service/aws4_request}. */
    public String scope() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }

    @Override
    public String toString() {
        // the signature is not a secret, but it has no place in logs either
        return "SigV4Credential[accessKeyId=" + accessKeyId + ", scope=" + scope() + ", signedHeaders="
                + signedHeaders + ", requestTime=" + requestTime + ", presigned=" + presigned
                + ", securityToken=" + (securityToken == null ? "none" : "present") + "]";
    }
}
