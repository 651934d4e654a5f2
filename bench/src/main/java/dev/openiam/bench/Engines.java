package dev.openiam.bench;

import dev.openiam.bench.casbin.CasbinEngine;
import dev.openiam.bench.cedar.CedarEngine;
import dev.openiam.bench.ours.OpenIamEngine;
import dev.openiam.bench.workload.ReferenceEvaluator;
import dev.openiam.bench.workload.Workload;

import java.util.ArrayList;
import java.util.List;

/** Builds the engines by name and checks each against the reference decisions before it is measured. */
public final class Engines {

    public static final List<String> NAMES = List.of("openiam", "cedar", "jcasbin");

    private Engines() {
    }

    public static Engine create(String name, Workload workload) {
        return switch (name) {
            case "openiam" -> new OpenIamEngine(workload);
            case "cedar" -> new CedarEngine(workload);
            case "jcasbin" -> new CasbinEngine(workload);
            default -> throw new IllegalArgumentException("no engine `" + name + "`; engines: " + NAMES);
        };
    }

    /** The requests on which {@code engine} decides otherwise than AWS's rules; empty when it agrees on all. */
    public static List<String> disagreements(Engine engine, Workload workload) {
        ReferenceEvaluator reference = new ReferenceEvaluator(workload);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < workload.requests().size(); i++) {
            ReferenceEvaluator.Outcome expected = reference.decide(workload.requests().get(i));
            if (engine.isAllowed(i) != (expected == ReferenceEvaluator.Outcome.ALLOW)) {
                out.add("request " + i + " " + workload.requests().get(i) + ": expected " + expected);
            }
        }
        return out;
    }
}
