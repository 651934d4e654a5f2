package dev.openiam.policy;

import dev.openiam.policy.condition.IpRange;
import dev.openiam.policy.condition.Values;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The condition keys of one request ({@code aws:SourceIp}, {@code aws:PrincipalTag/team}, {@code aws:TagKeys},
 * …). Keys are case-insensitive; a key holds one value or, when given as a list, several. Immutable.
 */
public final class RequestContext {

    private static final RequestContext EMPTY = new RequestContext(Map.of());

    /** Lowercased key → entry. */
    private final Map<String, Entry> entries;

    private RequestContext(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static RequestContext empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this context's keys, to add or replace some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.entries.putAll(entries);
        return b;
    }

    /** The values of {@code key} (any case), or an empty list when absent. */
    public List<String> values(String key) {
        Entry e = entries.get(key.toLowerCase(Locale.ROOT));
        return e == null ? List.of() : Collections.unmodifiableList(Arrays.asList(e.values));
    }

    /** The single value of {@code key}, or {@code null} when absent or multi-valued. */
    public String value(String key) {
        return single(key.toLowerCase(Locale.ROOT));
    }

    public boolean contains(String key) {
        return entries.containsKey(key.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code key} was given as a list (a multivalued key, usable only with set operators). */
    public boolean isMultiValued(String key) {
        Entry e = entries.get(key.toLowerCase(Locale.ROOT));
        return e != null && e.multi;
    }

    public int size() {
        return entries.size();
    }

    /** Every key, as first spelled, with its values. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        entries.values().forEach(e -> m.put(e.key, List.of(e.values)));
        return m;
    }

    // --- the evaluator's allocation-free look-ups, by an already lowercased key ---

    /** Internal: the values of an already lowercased key, or {@code null}; the array must not be modified. */
    public String[] lookupLower(String lowerKey) {
        Entry e = entries.get(lowerKey);
        return e == null ? null : e.values;
    }

    /** Internal: the single value of an already lowercased key; {@code null} if absent or multivalued. */
    public String single(String lowerKey) {
        Entry e = entries.get(lowerKey);
        return e == null || e.multi || e.values.length != 1 ? null : e.values[0];
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    /** Internal: the values of an already lowercased key read as IP addresses (null where not one), or null. */
    public byte[][] addressesLower(String lowerKey) {
        Entry e = entries.get(lowerKey);
        if (e == null) {
            return null;
        }
        Parsed<byte[][]> p = e.addresses;
        if (p == null) {
            byte[][] a = new byte[e.values.length][];
            for (int i = 0; i < a.length; i++) {
                a[i] = IpRange.parseAddress(e.values[i]);
            }
            p = new Parsed<>(a);
            e.addresses = p; // a benign race: every thread computes the same immutable result
        }
        return p.value;
    }

    /** Internal: the values of an already lowercased key read as numbers (null where not one), or null. */
    public BigDecimal[] numbersLower(String lowerKey) {
        Entry e = entries.get(lowerKey);
        if (e == null) {
            return null;
        }
        Parsed<BigDecimal[]> p = e.numbers;
        if (p == null) {
            BigDecimal[] a = new BigDecimal[e.values.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = Values.parseNumber(e.values[i]);
            }
            p = new Parsed<>(a);
            e.numbers = p;
        }
        return p.value;
    }

    /** Internal: the values of an already lowercased key read as epoch milliseconds (or NOT_A_DATE), or null. */
    public long[] datesLower(String lowerKey) {
        Entry e = entries.get(lowerKey);
        if (e == null) {
            return null;
        }
        Parsed<long[]> p = e.dates;
        if (p == null) {
            long[] a = new long[e.values.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = Values.parseDate(e.values[i]);
            }
            p = new Parsed<>(a);
            e.dates = p;
        }
        return p.value;
    }

    /** Final field: safely published to other threads even through a racy write. */
    private static final class Parsed<T> {
        final T value;

        Parsed(T value) {
            this.value = value;
        }
    }

    private static final class Entry {
        final String key;
        final String[] values;
        final boolean multi;
        Parsed<byte[][]> addresses;
        Parsed<BigDecimal[]> numbers;
        Parsed<long[]> dates;

        Entry(String key, String[] values, boolean multi) {
            this.key = key;
            this.values = values;
            this.multi = multi;
        }
    }

    /** Collects keys; the last value given for a key (in any case) wins. */
    public static final class Builder {
        private final Map<String, Entry> entries = new HashMap<>();

        private Builder() {
        }

        /** A single-valued key. */
        public Builder put(String key, String value) {
            if (key == null || value == null) {
                throw new IllegalArgumentException("a context key and its value must not be null");
            }
            entries.put(key.toLowerCase(Locale.ROOT), new Entry(key, new String[] {value}, false));
            return this;
        }

        /** A multivalued key ({@code aws:TagKeys}, {@code aws:CalledVia}, …); an empty list counts as absent. */
        public Builder put(String key, List<String> values) {
            if (key == null || values == null) {
                throw new IllegalArgumentException("a context key and its values must not be null");
            }
            String[] array = values.toArray(new String[0]);
            for (String v : array) {
                if (v == null) {
                    throw new IllegalArgumentException("a context key and its values must not be null");
                }
            }
            entries.put(key.toLowerCase(Locale.ROOT), new Entry(key, array, true));
            return this;
        }

        public Builder remove(String key) {
            entries.remove(key.toLowerCase(Locale.ROOT));
            return this;
        }

        public RequestContext build() {
            return entries.isEmpty() ? EMPTY : new RequestContext(Map.copyOf(entries));
        }
    }
}
