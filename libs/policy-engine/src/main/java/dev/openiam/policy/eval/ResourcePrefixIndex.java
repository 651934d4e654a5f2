package dev.openiam.policy.eval;

import dev.openiam.policy.match.ArnGlob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /** Candidates of every request, sorted. */
    private final int[] always;
    /** Open-addressing table: prefix → its statements, sorted; slots are {@code null} when empty. */
    private final String[] keys;
    private final int[][] lists;
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
            CompiledStatement s = bodies[item >>> MergedIndex.STATEMENT_BITS]
                    .statement(item & ((1 << MergedIndex.STATEMENT_BITS) - 1));
            String[] prefixes = s.resourcePrefixes;
            if (prefixes == null) {
                alwaysSet.add(item);
                continue;
            }
            for (String p : prefixes) {
                byPrefix.computeIfAbsent(p, k -> new TreeSet<>()).add(item);
            }
        }
        always = CompiledBody.toArray(alwaysSet);
        int capacity = Integer.highestOneBit(Math.max(4, byPrefix.size() * 2 + 1) - 1) << 1;
        keys = new String[capacity];
        lists = new int[capacity][];
        mask = capacity - 1;
        TreeSet<Integer> lens = new TreeSet<>();
        for (var e : byPrefix.entrySet()) {
            String key = e.getKey();
            int i = spread(key.hashCode()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            lists[i] = CompiledBody.toArray(e.getValue());
            lens.add(key.length());
        }
        lengths = lens.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /**
     * The candidates for an ARN: the statements filed under any prefix of it and those that can match any ARN,
     * each once, sorted.
     */
    int[] candidates(String arn) {
        List<int[]> found = null;
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
                    if (found == null) {
                        found = new ArrayList<>(4);
                    }
                    found.add(lists[i]);
                    break;
                }
            }
        }
        if (found == null) {
            return always;
        }
        if (found.size() == 1 && always.length == 0) {
            return found.get(0);
        }
        int n = always.length;
        for (int[] f : found) {
            n += f.length;
        }
        int[] out = Arrays.copyOf(always, n);
        int k = always.length;
        for (int[] f : found) {
            System.arraycopy(f, 0, out, k, f.length);
            k += f.length;
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
        for (int[] l : lists) {
            n += l == null ? 0 : l.length;
        }
        return n;
    }

    /** The number of statements that are candidates of every ARN, for tests. */
    int alwaysCount() {
        return always.length;
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
