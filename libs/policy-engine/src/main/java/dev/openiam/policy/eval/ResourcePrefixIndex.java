package dev.openiam.policy.eval;

import dev.openiam.policy.match.ArnGlob;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Candidate statements (merged-index items) by the literal text their {@code Resource} patterns start with, so a
 * request visits only the statements whose resource can match its ARN, whatever the number of statements. A pattern
 * {@code arn:aws:s3:::data/home/${aws:username}/*} files its statement under {@code arn:aws:s3:::data/home/}; an
 * ARN collects the statements filed under each of its prefixes (case-sensitive, as ARN matching is). Statements
 * whose resources can match any ARN ({@code *}, a leading wildcard or variable, {@code NotResource}, no
 * {@code Resource} at all) are candidates of every request. Immutable; lookups allocate only the returned array.
 */
final class ResourcePrefixIndex {

    /**
     * The statements filed under one prefix (or those of every request): the denies, then the allows, each in item
     * order, so a caller deciding only can visit the denies of every part before any allow, without merging them.
     */
    static final class Part {
        final int[] items;
        /** The number of denies, at the front of {@link #items}. */
        final int denies;

        Part(int[] items, int denies) {
            this.items = items;
            this.denies = denies;
        }

        /** {@code sorted} (item order) partitioned into denies and then allows, each part keeping its order. */
        static Part of(int[] sorted, CompiledBody[] bodies) {
            int[] items = new int[sorted.length];
            int d = 0;
            for (int item : sorted) {
                if (MergedIndex.statement(bodies, item).deny) {
                    items[d++] = item;
                }
            }
            int a = d;
            for (int item : sorted) {
                if (!MergedIndex.statement(bodies, item).deny) {
                    items[a++] = item;
                }
            }
            return new Part(items, d);
        }
    }

    /** Candidates of every request. */
    private final Part always;
    /** Open-addressing table: prefix → its statements; slots are {@code null} when empty. */
    private final String[] keys;
    private final Part[] lists;
    private final int mask;
    /** The distinct prefix lengths, ascending. */
    private final int[] lengths;

    /**
     * @param items   the candidates to index, sorted ascending (slot, then statement)
     * @param bodies  the bodies the items point into
     */
    ResourcePrefixIndex(int[] items, CompiledBody[] bodies) {
        TreeSet<Integer> alwaysSet = new TreeSet<>();
        Map<String, TreeSet<Integer>> byPrefix = new TreeMap<>();
        for (int item : items) {
            String[] prefixes = MergedIndex.statement(bodies, item).resourcePrefixes;
            if (prefixes == null) {
                alwaysSet.add(item);
                continue;
            }
            for (String p : prefixes) {
                byPrefix.computeIfAbsent(p, k -> new TreeSet<>()).add(item);
            }
        }
        always = Part.of(CompiledBody.toArray(alwaysSet), bodies);
        int capacity = Integer.highestOneBit(Math.max(4, byPrefix.size() * 2 + 1) - 1) << 1;
        keys = new String[capacity];
        lists = new Part[capacity];
        mask = capacity - 1;
        TreeSet<Integer> lens = new TreeSet<>();
        for (var e : byPrefix.entrySet()) {
            String key = e.getKey();
            int i = spread(key.hashCode()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            lists[i] = Part.of(CompiledBody.toArray(e.getValue()), bodies);
            lens.add(key.length());
        }
        lengths = lens.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /**
     * The candidates for an ARN, in parts: those of every request first, then the statements filed under each prefix
     * of the ARN, shortest first, and {@code null} after the last when the array is longer. A statement filed under
     * two of its prefixes is in two parts. Allocates only the returned array.
     */
    Part[] parts(String arn) {
        Part[] found = new Part[1 + Math.min(lengths.length, arn.length())];
        found[0] = always;
        int n = 1;
        int h = 0;
        int li = 0;
        int max = Math.min(arn.length(), lengths.length == 0 ? 0 : lengths[lengths.length - 1]);
        for (int pos = 0; pos < max && li < lengths.length; pos++) {
            h = 31 * h + arn.charAt(pos); // String.hashCode of arn[0, pos]
            int len = pos + 1;
            if (len != lengths[li]) {
                continue;
            }
            li++;
            for (int i = spread(h) & mask; keys[i] != null; i = (i + 1) & mask) {
                String key = keys[i];
                if (key.length() == len && key.hashCode() == h && arn.startsWith(key)) {
                    found[n++] = lists[i];
                    break;
                }
            }
        }
        return found;
    }

    /**
     * The candidates for an ARN: the statements filed under any prefix of it and those that can match any ARN,
     * each once, sorted.
     */
    int[] candidates(String arn) {
        return sorted(parts(arn));
    }

    /** The items of {@code parts} (up to the first {@code null}), each once, sorted. */
    static int[] sorted(Part[] parts) {
        int n = 0;
        for (int i = 0; i < parts.length && parts[i] != null; i++) {
            n += parts[i].items.length;
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < parts.length && parts[i] != null; i++) {
            Part p = parts[i];
            System.arraycopy(p.items, 0, out, k, p.items.length);
            k += p.items.length;
        }
        Arrays.sort(out);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || out[m - 1] != out[i]) {
                out[m++] = out[i];
            }
        }
        return m == n ? out : Arrays.copyOf(out, m);
    }

    /** The number of statements indexed by a prefix, for tests. */
    int prefixed() {
        int n = 0;
        for (Part l : lists) {
            n += l == null ? 0 : l.items.length;
        }
        return n;
    }

    /** The number of statements that are candidates of every ARN, for tests. */
    int alwaysCount() {
        return always.items.length;
    }

    static String[] prefixesOf(ArnGlob[] resources, boolean notResource) {
        if (resources == null || notResource) {
            return null;
        }
        String[] out = new String[resources.length];
        for (int i = 0; i < resources.length; i++) {
            String p = resources[i].literalPrefix();
            if (p.isEmpty()) {
                return null;
            }
            out[i] = p;
        }
        return out;
    }
}
