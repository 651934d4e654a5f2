package dev.openiam.policy.eval;

import dev.openiam.policy.Request;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One action index over several policies (a principal's identity policies and boundary), so a request costs one
 * or two hash look-ups however many policies apply. Entries are {@code slot << 20 | statement}, in slot and then
 * document order. Immutable; built once per principal. Internal to the engine.
 */
public final class MergedIndex {

    static final int STATEMENT_BITS = 20;
    private static final int[] NONE = new int[0];

    private final Map<String, Bucket> byAction = new HashMap<>();
    private final Map<String, Bucket> byHead = new HashMap<>();
    private final Map<String, Bucket> byService = new HashMap<>();
    private final Bucket always;

    /**
     * The candidates of one action key, split again by the service of the request's resource: statements whose
     * {@code Resource} names only ARNs of other services are left out.
     */
    private static final class Bucket {
        /** Statements that may match a resource of any service (or of none: the resource is not an ARN). */
        final int[] any;
        /** Resource service → {@link #any} plus the statements limited to that service, in order. */
        final Map<String, int[]> byResourceService;

        Bucket(int[] items, CompiledBody[] bodies) {
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

    private static CompiledStatement statement(CompiledBody[] bodies, int item) {
        return bodies[item >>> STATEMENT_BITS].statement(item & ((1 << STATEMENT_BITS) - 1));
    }

    /** Indexes the first {@code count} bodies. */
    public MergedIndex(CompiledBody[] bodies, int count) {
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

    int[] candidates(Request r) {
        Bucket b = byAction.get(r.actionLower());
        if (b == null && r.headLower() != null) {
            b = byHead.get(r.headLower());
        }
        if (b == null) {
            b = byService.get(r.serviceLower());
        }
        return (b != null ? b : always).candidates(r.resourceService());
    }
}
