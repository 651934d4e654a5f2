package dev.openiam.model.rules;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * {@code Marker} and {@code MaxItems} of a list call. The marker is opaque to callers: it encodes the
 * sort key (the lower-cased name) after which the next page starts.
 */
public record PageRequest(String after, int maxItems) {

    public static final int DEFAULT_MAX_ITEMS = 100;

    public static PageRequest of(String marker, Integer maxItems) {
        int max = Rules.range("maxItems", maxItems, 1, 1000, DEFAULT_MAX_ITEMS);
        if (marker == null) {
            return new PageRequest("", max);
        }
        try {
            return new PageRequest(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8), max);
        } catch (IllegalArgumentException e) {
            throw new IamException(ErrorCode.VALIDATION_ERROR, "Invalid Marker: `" + marker + "`");
        }
    }

    /** The page from up to {@code maxItems + 1} rows fetched in sort order. */
    public <T> Page<T> page(List<T> fetched, Function<T, String> sortKey) {
        if (fetched.size() <= maxItems) {
            return new Page<>(List.copyOf(fetched), false, null);
        }
        List<T> items = List.copyOf(fetched.subList(0, maxItems));
        String last = sortKey.apply(items.get(items.size() - 1));
        return new Page<>(items, true, Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }

    /** A page of a list held in memory, sorted by {@code sortKey} (small lists: tags, access keys). */
    public <T> Page<T> slice(List<T> all, Function<T, String> sortKey) {
        List<T> after = all.stream().filter(item -> sortKey.apply(item).compareTo(this.after) > 0)
                .sorted(java.util.Comparator.comparing(sortKey)).limit(maxItems + 1L).toList();
        return page(after, sortKey);
    }

    /** A LIKE pattern for entities whose path starts with {@code prefix}. */
    public static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
