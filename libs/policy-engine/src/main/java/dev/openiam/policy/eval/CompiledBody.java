package dev.openiam.policy.eval;

import dev.openiam.policy.Request;
import dev.openiam.policy.model.PolicyDocument;
import dev.openiam.policy.model.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The evaluable form of one policy document: compiled statements indexed by action, so a request visits only
 * the statements that can name its action. Immutable and thread-safe. Internal to the engine.
 */
public final class CompiledBody {

    private static final int[] NONE = new int[0];

    private final CompiledStatement[] statements;
    /** Statements whose actions can match anything (wildcard service, {@code *}, NotAction). */
    private final int[] always;
    /** Lowercased service prefix → candidates for any action of that service. */
    private final Map<String, int[]> byService;
    /** Lowercased service prefix, colon and first letter of the action name → candidates. */
    private final Map<String, int[]> byHead;
    /** Lowercased full action → candidates for exactly that action. */
    private final Map<String, int[]> byAction;

    private final String policyId;
    /** Statement references by role ordinal, built on first use (racy but idempotent: refs are immutable). */
    private final dev.openiam.policy.StatementRef[][] refs =
            new dev.openiam.policy.StatementRef[dev.openiam.policy.PolicyType.values().length][];

    public CompiledBody(PolicyDocument doc) {
        this(doc, null);
    }

    /** @param policyId the id reported in statement references */
    public CompiledBody(PolicyDocument doc, String policyId) {
        this.policyId = policyId;
        List<Statement> list = doc.statements();
        statements = new CompiledStatement[list.size()];
        for (int i = 0; i < statements.length; i++) {
            statements[i] = new CompiledStatement(list.get(i), doc.variablesEnabled());
        }
        TreeSet<Integer> alwaysSet = new TreeSet<>();
        Map<String, TreeSet<Integer>> service = new HashMap<>();
        Map<String, TreeSet<Integer>> head = new HashMap<>();
        Map<String, TreeSet<Integer>> exact = new HashMap<>();
        for (int i = 0; i < statements.length; i++) {
            CompiledStatement s = statements[i];
            if (s.notAction) {
                alwaysSet.add(i);
                continue;
            }
            for (var g : s.actions) {
                String text = g.toString();
                int colon = text.indexOf(':');
                String prefix = colon < 0 ? text : text.substring(0, colon);
                if (colon < 0 || prefix.indexOf('*') >= 0 || prefix.indexOf('?') >= 0) {
                    alwaysSet.add(i);
                } else if (g.exactText() != null) {
                    exact.computeIfAbsent(text, k -> new TreeSet<>()).add(i);
                } else if (colon + 1 < text.length() && text.charAt(colon + 1) != '*' && text.charAt(colon + 1) != '?') {
                    head.computeIfAbsent(text.substring(0, colon + 2), k -> new TreeSet<>()).add(i);
                } else {
                    service.computeIfAbsent(prefix, k -> new TreeSet<>()).add(i);
                }
            }
        }
        always = toArray(alwaysSet);
        byService = new HashMap<>();
        for (var e : service.entrySet()) {
            byService.put(e.getKey(), union(alwaysSet, e.getValue()));
        }
        byHead = new HashMap<>();
        for (var e : head.entrySet()) {
            String h = e.getKey();
            byHead.put(h, union(alwaysSet, e.getValue(), service.get(h.substring(0, h.length() - 2))));
        }
        byAction = new HashMap<>();
        for (var e : exact.entrySet()) {
            String action = e.getKey();
            int colon = action.indexOf(':');
            byAction.put(action, union(alwaysSet, e.getValue(), service.get(action.substring(0, colon)),
                    head.get(action.substring(0, colon + 2))));
        }
    }

    @SafeVarargs
    private static int[] union(TreeSet<Integer> always, TreeSet<Integer>... more) {
        TreeSet<Integer> set = new TreeSet<>(always);
        for (TreeSet<Integer> m : more) {
            if (m != null) {
                set.addAll(m);
            }
        }
        return toArray(set);
    }

    /** The set's items in ascending order. */
    static int[] toArray(TreeSet<Integer> set) {
        if (set.isEmpty()) {
            return NONE;
        }
        int[] a = new int[set.size()];
        int i = 0;
        for (int v : set) {
            a[i++] = v;
        }
        return a;
    }

    /** The reference to statement {@code i} when the policy plays {@code role}; cached. */
    dev.openiam.policy.StatementRef ref(int i, dev.openiam.policy.PolicyType role) {
        dev.openiam.policy.StatementRef[] byStatement = refs[role.ordinal()];
        if (byStatement == null) {
            byStatement = new dev.openiam.policy.StatementRef[statements.length];
            for (int k = 0; k < statements.length; k++) {
                byStatement[k] = new dev.openiam.policy.StatementRef(policyId, role, statements[k].index,
                        statements[k].sid);
            }
            refs[role.ordinal()] = byStatement;
        }
        return byStatement[i];
    }

    public int statementCount() {
        return statements.length;
    }

    /** The statements that may apply to the request's action, in document order. */
    int[] candidates(Request r) {
        return candidates(r.actionLower(), r.headLower(), r.serviceLower());
    }

    int[] candidates(String actionLower, String headLower, String serviceLower) {
        int[] c = byAction.get(actionLower);
        if (c != null) {
            return c;
        }
        return candidatesForHead(headLower, serviceLower);
    }

    int[] candidatesForHead(String headLower, String serviceLower) {
        if (headLower != null) {
            int[] c = byHead.get(headLower);
            if (c != null) {
                return c;
            }
        }
        return candidatesForService(serviceLower);
    }

    java.util.Set<String> headKeys() {
        return byHead.keySet();
    }

    int[] candidatesForService(String serviceLower) {
        int[] c = byService.get(serviceLower);
        return c != null ? c : always;
    }

    int[] always() {
        return always;
    }

    java.util.Set<String> actionKeys() {
        return byAction.keySet();
    }

    java.util.Set<String> serviceKeys() {
        return byService.keySet();
    }

    CompiledStatement statement(int i) {
        return statements[i];
    }

    /**
     * Visits the applicable statements, reporting each to {@code hits} (if any); returns a bit set: 1 = an Allow
     * applied, 2 = a Deny applied, and in bits 2–3 the strongest {@link Grant} of an applicable Allow.
     */
    int scan(Request r, boolean hasBoundary, int slot, Hits hits) {
        int result = 0;
        int best = 0;
        for (int i : candidates(r)) {
            CompiledStatement s = statements[i];
            Grant g = s.applies(r, hasBoundary);
            if (g == Grant.NONE) {
                continue;
            }
            if (hits != null) {
                hits.add(slot, i, s.deny);
            }
            if (s.deny) {
                result |= 2;
            } else {
                result |= 1;
                best = Math.max(best, g.ordinal());
            }
        }
        return result | (best << 2);
    }

    /** Growable list of (slot, statement, effect) hits gathered during one evaluation. */
    static final class Hits {
        int[] items = new int[8];
        int size;

        void add(int slot, int statement, boolean deny) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = (slot << 20) | (statement << 1) | (deny ? 1 : 0);
        }

        /** Sorts the hits (slot, then statement) and drops repeats. */
        void sortDistinct() {
            java.util.Arrays.sort(items, 0, size);
            int m = 0;
            for (int i = 0; i < size; i++) {
                if (m == 0 || items[m - 1] != items[i]) {
                    items[m++] = items[i];
                }
            }
            size = m;
        }

        static int slot(int item) {
            return item >>> 20;
        }

        static int statement(int item) {
            return (item >>> 1) & 0x7FFFF;
        }

        static boolean deny(int item) {
            return (item & 1) != 0;
        }
    }

    /** For tests: lists the candidates of an action, to check the index. */
    List<Integer> candidateList(Request r) {
        List<Integer> out = new ArrayList<>();
        for (int i : candidates(r)) {
            out.add(i);
        }
        return out;
    }
}
