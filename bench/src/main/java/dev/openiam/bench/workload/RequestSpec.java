package dev.openiam.bench.workload;

/**
 * One request of the workload. {@code null} means the context key is absent.
 *
 * @param action        e.g. {@code s3:GetObject}, as AWS spells it
 * @param resource      the resource ARN
 * @param sourceIp      {@code aws:SourceIp}, always present
 * @param secureTransport {@code aws:SecureTransport}, always present
 * @param mfaAge        {@code aws:MultiFactorAuthAge} in seconds, or {@code null}
 * @param prefix        {@code s3:prefix}, or {@code null}
 * @param region        {@code aws:RequestedRegion}, or {@code null}
 */
public record RequestSpec(String action, String resource, String sourceIp, boolean secureTransport, Long mfaAge,
                          String prefix, String region) {
}
