package dev.openiam.policy.eval;

import dev.openiam.policy.Request;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One action index over several policies (a principal's identity policies and boundary), so a request costs one
 * or two hash look-ups however many policies apply. Entries are {@code slot << 20 | statement}, in slot and then
 * document order. Built once per principal; internal to the engine.
 *
 * <p>When a request's coarse candidates are more than {@link #SMALL}, the first request for its action also files
 * the statements whose {@code Action} matches it by the literal prefixes of their resources
 * ({@link ResourcePrefixIndex}), so later requests for that action visit only the statements that can apply to their
 * action and ARN: the work per request follows what can apply, not how many statements the principal has. Up to
 * {@link #SMALL} candidates are visited as they are: there the prefix table costs more than the statements it spares.
 * At most {@link #MAX_ACTIONS} actions are kept per principal; requests for others use the coarse index. Thread-safe:
 * the per-action indexes are immutable and published through a concurrent map.
 */
public final class MergedIndex {

    static final int STATEMENT_BITS = 20;
    /** The actions whose exact index a principal keeps (AWS's catalog has about 17,000 actions in all). */
    static final int MAX_ACTIONS = 4_096;
    /**
     * The most candidates a request visits as the coarse index gives them, one pass and no memo; above it the exact
     * per-action index and the memo pay (chosen from {@code PolicyScaleBenchmark} and {@code DecisionBenchmark}, see
     * {@code bench/RESULTS.md}). The system property is for measuring other values only.
     */
    static final int SMALL = Integer.getInteger("openiam.policy-engine.small-candidates", 8);
    private static final int[] NONE = new int[0];

    private final CompiledBody[] bodies;
    /** Per slot and statement, the memo slots of its resource patterns and conditions. */
    private final int[][][] atoms;
    /** The number of distinct resource patterns and conditions: the size of a request's memo. */
    private final int atomCount;
    private final java.util.concurrent.ConcurrentHashMap<String, ResourcePrefixIndex> byExactAction =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, Bucket> byAction = new HashMap<>();
    private final Map<String, Bucket> byHead = new HashMap<>();
    private final Map<String, Bucket> byService = new HashMap<>();
    private final Bucket always;

    /**
     * The candidates of one action key, split again by the service of the request's resource: statements whose
     * {@code Resource} names only ARNs of other services are left out.
     */
    private static final class Bucket {
        /** Every candidate of the action key, in order. */
        final int[] all;
        /** Statements that may match a resource of any service (or of none: the resource is not an ARN). */
        final int[] any;
        /** Resource service → {@link #any} plus the statements limited to that service, in order. */
        final Map<String, int[]> byResourceService;

        Bucket(int[] items, CompiledBody[] bodies) {
            all = items;
            java.util.List<Integer> anyList = new java.util.ArrayList<>();
            Set<String> services = new java.util.TreeSet<>();
            for (int item : items) {
                String[] filter = statement(bodies, item).resourceServices;
                if (filter == null) {
                    anyList.add(item);
                } else {
                    services.addAll(java.util.Arrays.asList(filter));
                }
            }
            any = anyList.stream().mapToInt(Integer::intValue).toArray();
            byResourceService = new HashMap<>();
            for (String svc : services) {
                java.util.List<Integer> list = new java.util.ArrayList<>();
                for (int item : items) {
                    String[] filter = statement(bodies, item).resourceServices;
                    if (filter == null || java.util.Arrays.asList(filter).contains(svc)) {
                        list.add(item);
                    }
                }
                byResourceService.put(svc, list.stream().mapToInt(Integer::intValue).toArray());
            }
        }

        int[] candidates(String resourceService) {
            if (resourceService == null) {
                return any;
            }
            int[] c = byResourceService.get(resourceService);
            return c != null ? c : any;
        }
    }

    static CompiledStatement statement(CompiledBody[] bodies, int item) {
        return bodies[item >>> STATEMENT_BITS].statement(item & ((1 << STATEMENT_BITS) - 1));
    }

    /** Indexes the first {@code count} bodies. */
    public MergedIndex(CompiledBody[] bodies, int count) {
        this.bodies = bodies;
        Map<String, Integer> slots = new HashMap<>();
        atoms = new int[count][][];
        for (int slot = 0; slot < count; slot++) {
            atoms[slot] = new int[bodies[slot].statementCount()][];
            for (int st = 0; st < atoms[slot].length; st++) {
                atoms[slot][st] = bodies[slot].statement(st).atoms(slots);
            }
        }
        atomCount = slots.size();
        Set<String> actions = new HashSet<>();
        Set<String> heads = new HashSet<>();
        Set<String> services = new HashSet<>();
        for (int slot = 0; slot < count; slot++) {
            actions.addAll(bodies[slot].actionKeys());
            heads.addAll(bodies[slot].headKeys());
            services.addAll(bodies[slot].serviceKeys());
        }
        for (String a : actions) {
            int colon = a.indexOf(':');
            String svc = a.substring(0, colon);
            String head = colon + 1 < a.length() ? a.substring(0, colon + 2) : null;
            byAction.put(a, new Bucket(concat(bodies, count, b -> b.candidates(a, head, svc)), bodies));
        }
        for (String h : heads) {
            String svc = h.substring(0, h.length() - 2);
            byHead.put(h, new Bucket(concat(bodies, count, b -> b.candidatesForHead(h, svc)), bodies));
        }
        for (String svc : services) {
            byService.put(svc, new Bucket(concat(bodies, count, b -> b.candidatesForService(svc)), bodies));
        }
        always = new Bucket(concat(bodies, count, CompiledBody::always), bodies);
    }

    private static int[] concat(CompiledBody[] bodies, int count, java.util.function.Function<CompiledBody, int[]> f) {
        int n = 0;
        for (int slot = 0; slot < count; slot++) {
            n += f.apply(bodies[slot]).length;
        }
        if (n == 0) {
            return NONE;
        }
        int[] out = new int[n];
        int k = 0;
        for (int slot = 0; slot < count; slot++) {
            for (int st : f.apply(bodies[slot])) {
                out[k++] = (slot << STATEMENT_BITS) | st;
            }
        }
        return out;
    }

    /**
     * The statements a request visits, in slot and then document order: the coarse candidates (by action key and
     * resource service) when they are at most {@link #SMALL}, else {@link #candidates}. The evaluator visits the latter
     * in {@link #parts}; this sorted list is for tests.
     */
    int[] visit(Request r) {
        int[] coarse = coarse(r);
        return coarse.length <= SMALL ? coarse : candidates(r);
    }

    /** The coarse candidates of a request (by action key and resource service), in slot and then document order. */
    int[] coarse(Request r) {
        return bucket(r).candidates(r.resourceService());
    }

    /**
     * The statements that may apply to the request, in slot and then document order: those whose action matches
     * and whose resource can match the request's ARN ({@link #parts} merged; for tests).
     */
    int[] candidates(Request r) {
        ResourcePrefixIndex exact = exact(r);
        return exact != null ? exact.candidates(r.resource(), r.resourceService()) : matching(coarse(r), r.actionLower());
    }

    /**
     * For deciding only, which visits every deny before any allow and needs neither their order nor a merge:
     * {@link #candidates} in parts whose denies come first (a statement may be in two; {@code null} after the last),
     * when the request's action already has an exact index; else {@code null}. One look-up (none until an action of
     * this principal has more than {@link #SMALL} candidates).
     */
    ResourcePrefixIndex.Part[] indexed(Request r) {
        ResourcePrefixIndex exact = byExactAction.get(r.actionLower());
        return exact != null ? exact.parts(r.resource(), r.resourceService()) : null;
    }

    /** {@link #indexed}, filing the action's exact index if it can; {@code coarse} is the request's {@link #coarse}. */
    ResourcePrefixIndex.Part[] parts(Request r, int[] coarse) {
        ResourcePrefixIndex exact = exact(r);
        return exact != null ? exact.parts(r.resource(), r.resourceService())
                : new ResourcePrefixIndex.Part[] {ResourcePrefixIndex.Part.of(matching(coarse, r.actionLower()), bodies)};
    }

    /** The request's action's exact index, filed at its first request; {@code null} once {@link #MAX_ACTIONS} are. */
    private ResourcePrefixIndex exact(Request r) {
        ResourcePrefixIndex exact = byExactAction.get(r.actionLower());
        if (exact == null && byExactAction.size() < MAX_ACTIONS) {
            exact = byExactAction.computeIfAbsent(r.actionLower(), a -> exactIndex(a, bucket(r).all));
        }
        return exact;
    }

    /** Files the candidates whose {@code Action} (or {@code NotAction}) matches {@code actionLower} by resource. */
    private ResourcePrefixIndex exactIndex(String actionLower, int[] coarse) {
        return new ResourcePrefixIndex(matching(coarse, actionLower), bodies);
    }

    /** The items whose {@code Action} (or {@code NotAction}) matches {@code actionLower}, in order. */
    private int[] matching(int[] items, String actionLower) {
        int[] matching = new int[items.length];
        int n = 0;
        for (int item : items) {
            if (statement(bodies, item).actionMatches(actionLower)) {
                matching[n++] = item;
            }
        }
        return java.util.Arrays.copyOf(matching, n);
    }

    /** A fresh memo for one request's evaluation. */
    byte[] newMemo() {
        return new byte[atomCount];
    }

    /** The memo slots of statement {@code st} of slot {@code s}. */
    int[] atoms(int s, int st) {
        return atoms[s][st];
    }

    private Bucket bucket(Request r) {
        Bucket b = byAction.get(r.actionLower());
        if (b == null && r.headLower() != null) {
            b = byHead.get(r.headLower());
        }
        if (b == null) {
            b = byService.get(r.serviceLower());
        }
        return b != null ? b : always;
    }
}
