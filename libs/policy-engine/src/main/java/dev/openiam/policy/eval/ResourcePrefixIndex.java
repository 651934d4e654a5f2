package dev.openiam.policy.eval;

import dev.openiam.policy.match.ArnGlob;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Candidate statements (merged-index items) by the literal text their {@code Resource} patterns start with, so a
 * request visits only the statements whose resource can match its ARN, whatever the number of statements. A pattern
 * {@code arn:aws:s3:::data/home/${aws:username}/*} files its statement under {@code arn:aws:s3:::data/home/}; an
 * ARN collects the statements filed under each of its prefixes (case-sensitive, as ARN matching is), looking only
 * among the prefixes of its own service and those that name none. Statements
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
    /**
     * The prefixes that name a service ({@code arn:aws:s3:…}), by that service, each table with the prefixes that name
     * none ({@code arn:aws:s}); an ARN is looked up in its service's table only, so it probes the prefix lengths of
     * that service alone.
     */
    private final Map<String, Table> byService = new HashMap<>();
    /** The prefixes that name no service: the table of an ARN of a service no prefix names, or of no ARN at all. */
    private final Table generic;

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
        Map<String, Map<String, Part>> services = new TreeMap<>();
        Map<String, Part> none = new TreeMap<>();
        for (var e : byPrefix.entrySet()) {
            Part part = Part.of(CompiledBody.toArray(e.getValue()), bodies);
            String service = serviceOf(e.getKey());
            (service == null ? none : services.computeIfAbsent(service, k -> new TreeMap<>())).put(e.getKey(), part);
        }
        generic = new Table(none);
        for (var e : services.entrySet()) {
            e.getValue().putAll(none);
            byService.put(e.getKey(), new Table(e.getValue()));
        }
    }

    /** The service a prefix names ({@code s3} in {@code arn:aws:s3:} and longer), or {@code null}. */
    private static String serviceOf(String prefix) {
        int partitionEnd = prefix.startsWith("arn:") ? prefix.indexOf(':', 4) : -1;
        int serviceEnd = partitionEnd < 0 ? -1 : prefix.indexOf(':', partitionEnd + 1);
        return serviceEnd < 0 ? null : prefix.substring(partitionEnd + 1, serviceEnd);
    }

    /** Prefixes and their statements in an open-addressing table, probed at each of their lengths. */
    private static final class Table {
        /** Per slot: the prefix, its length (0 when the slot is empty) and hash code, and its statements. */
        private final String[] keys;
        private final int[] keyLengths;
        private final int[] hashes;
        private final Part[] lists;
        private final int mask;
        /** The distinct prefix lengths, ascending, and the longest. */
        private final int[] lengths;
        private final int longest;

        Table(Map<String, Part> byPrefix) {
            int capacity = Integer.highestOneBit(Math.max(4, byPrefix.size() * 2 + 1) - 1) << 1;
            keys = new String[capacity];
            keyLengths = new int[capacity];
            hashes = new int[capacity];
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
                keyLengths[i] = key.length();
                hashes[i] = key.hashCode();
                lists[i] = e.getValue();
                lens.add(key.length());
            }
            lengths = lens.stream().mapToInt(Integer::intValue).toArray();
            longest = lengths.length == 0 ? 0 : lengths[lengths.length - 1];
        }

        /** Puts the parts of the keys that are prefixes of {@code arn} into {@code found} from {@code n}; the new n. */
        int find(String arn, Part[] found, int n) {
            int h = 0;
            int li = 0;
            int max = Math.min(arn.length(), longest);
            for (int pos = 0; pos < max; pos++) {
                h = 31 * h + arn.charAt(pos); // String.hashCode of arn[0, pos]
                int len = pos + 1;
                if (len != lengths[li]) {
                    continue;
                }
                li++;
                for (int i = spread(h) & mask; keyLengths[i] != 0; i = (i + 1) & mask) {
                    if (hashes[i] == h && keyLengths[i] == len && arn.startsWith(keys[i])) {
                        found[n++] = lists[i];
                        break;
                    }
                }
            }
            return n;
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /**
     * The candidates for a resource, in parts: those of every request first, then the statements filed under each
     * prefix of the ARN, shortest first, and {@code null} after the last when the array is longer. A statement filed
     * under two of its prefixes is in two parts. Allocates only the returned array.
     *
     * @param service the ARN's service ({@code Request.resourceService()}), {@code null} when it is not an ARN
     */
    Part[] parts(String arn, String service) {
        Table table = service == null ? generic : byService.getOrDefault(service, generic);
        Part[] found = new Part[1 + Math.min(table.lengths.length, arn.length())];
        found[0] = always;
        table.find(arn, found, 1);
        return found;
    }

    /**
     * The candidates for a resource: the statements filed under any prefix of its ARN and those that can match any
     * ARN, each once, sorted.
     */
    int[] candidates(String arn, String service) {
        return sorted(parts(arn, service));
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
        java.util.Set<Part> parts = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Table t : byService.values()) {
            parts.addAll(Arrays.asList(t.lists));
        }
        parts.addAll(Arrays.asList(generic.lists));
        parts.remove(null);
        return parts.stream().mapToInt(p -> p.items.length).sum();
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
