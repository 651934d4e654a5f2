package dev.openiam.bench.workload;

import java.util.List;

/** One managed policy of the workload's principal. */
public record PolicySpec(String name, List<StatementSpec> statements) {
}
