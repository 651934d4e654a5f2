package dev.openiam.sts.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * What a session carries beyond its principal — the session policies and the session tags — packed (compressed) as
 * a session token carries them, and how much of the allotted space that takes: AWS's {@code PackedPolicySize}, a
 * percentage. Past 100 the session is refused with PackedPolicyTooLarge.
 */
public final class PackedPolicy {

    /** The allotted space, in compressed bytes. */
    static final int ALLOTTED_BYTES = 2_048;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PackedPolicy() {
    }

    /** The percentage of the allotted space the session's policies and tags take (at least 1 when there are any). */
    public static int percent(String policy, List<String> policyArns, Map<String, String> tags) {
        if (policy == null && policyArns.isEmpty() && tags.isEmpty()) {
            return 0;
        }
        Map<String, Object> packed = new LinkedHashMap<>();
        packed.put("p", policy);
        packed.put("a", policyArns);
        packed.put("t", tags);
        int size = deflated(packed);
        return Math.max(1, (int) Math.ceil(size * 100.0 / ALLOTTED_BYTES));
    }

    /** {@link #percent}, refusing more than the allotted space as AWS does. */
    public static int check(String policy, List<String> policyArns, Map<String, String> tags) {
        int percent = percent(policy, policyArns, tags);
        if (percent > 100) {
            throw new IamException(ErrorCode.PACKED_POLICY_TOO_LARGE,
                    "Packed policy consumes " + percent + "% of allotted space, please use smaller policy for this session.");
        }
        return percent;
    }

    private static int deflated(Object value) {
        try {
            byte[] json = JSON.writeValueAsBytes(value);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
                deflater.write(json);
            }
            return out.size();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
