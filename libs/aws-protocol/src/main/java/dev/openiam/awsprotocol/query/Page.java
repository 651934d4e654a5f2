package dev.openiam.awsprotocol.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The paging parameters of an IAM list action: {@code Marker} (opaque, from the previous page) and
 * {@code MaxItems} (1–1000, default 100), checked with IAM's messages.
 *
 * @param marker   the {@code Marker} sent, or {@code null} for the first page
 * @param maxItems the page size
 */
public record Page(String marker, int maxItems) {

    public static final int DEFAULT_MAX_ITEMS = 100;
    public static final int LIMIT_MAX_ITEMS = 1000;

    /**
     * Reads {@code Marker} and {@code MaxItems} from {@code request}.
     *
     * @throws dev.openiam.model.IamException {@code ValidationError} for a {@code MaxItems}
     *         outside 1–1000 or an empty {@code Marker}
     */
    public static Page of(QueryRequest request) {
        Integer maxItems = request.integer("MaxItems");
        String marker = request.string("Marker");
        List<String> violations = new ArrayList<>();
        if (maxItems != null && maxItems < 1) {
            violations.add(ValidationErrors.violation(maxItems, "maxItems",
                    "Member must have value greater than or equal to 1"));
        }
        if (maxItems != null && maxItems > LIMIT_MAX_ITEMS) {
            violations.add(ValidationErrors.violation(maxItems, "maxItems",
                    "Member must have value less than or equal to " + LIMIT_MAX_ITEMS));
        }
        if (marker != null && marker.isEmpty()) {
            violations.add(ValidationErrors.violation(marker, "marker",
                    "Member must have length greater than or equal to 1"));
        }
        if (!violations.isEmpty()) {
            throw ValidationErrors.of(violations);
        }
        return new Page(marker, maxItems == null ? DEFAULT_MAX_ITEMS : maxItems);
    }
}
