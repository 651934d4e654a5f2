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

    private final Map<String, int[]> byAction = new HashMap<>();
    private final Map<String, int[]> byHead = new HashMap<>();
    private final Map<String, int[]> byService = new HashMap<>();
    private final int[] always;

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
            byAction.put(a, concat(bodies, count, b -> b.candidates(a, head, svc)));
        }
        for (String h : heads) {
            String svc = h.substring(0, h.length() - 2);
            byHead.put(h, concat(bodies, count, b -> b.candidatesForHead(h, svc)));
        }
        for (String svc : services) {
            byService.put(svc, concat(bodies, count, b -> b.candidatesForService(svc)));
        }
        always = concat(bodies, count, CompiledBody::always);
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
        int[] c = byAction.get(r.actionLower());
        if (c != null) {
            return c;
        }
        if (r.headLower() != null) {
            c = byHead.get(r.headLower());
            if (c != null) {
                return c;
            }
        }
        c = byService.get(r.serviceLower());
        return c != null ? c : always;
    }
}
