package dev.openiam.bench;

/**
 * One authorization engine under test, with the workload already translated into its own terms.
 * Requests are prepared once, outside the measurement, and addressed by their index in the workload.
 */
public interface Engine {

    /** A short name for reports: {@code openiam}, {@code cedar}, {@code jcasbin}. */
    String name();

    /** Whether request {@code index} of the workload is allowed. */
    boolean isAllowed(int index);
}
