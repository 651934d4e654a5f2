package dev.openiam.model.rules;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing, as IAM returns it: the items, whether more follow, and the marker to ask
 * for them with.
 */
public record Page<T>(List<T> items, boolean isTruncated, String marker) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), isTruncated, marker);
    }
}
