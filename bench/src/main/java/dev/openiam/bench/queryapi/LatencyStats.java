package dev.openiam.bench.queryapi;

import java.util.Arrays;

/**
 * Percentiles of a set of call latencies, by the nearest-rank method: the p-th percentile is the smallest
 * sample with at least p % of the samples at or below it (p50 of 1..100 is 50, p99 is 99, p100 the maximum).
 */
public final class LatencyStats {

    private final long[] sortedNanos;

    public LatencyStats(long[] nanos) {
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    public int count() {
        return sortedNanos.length;
    }

    /** The p-th percentile (0 < p ≤ 100) in nanoseconds; 0 when there are no samples. */
    public long percentileNanos(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
        }
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1];
    }

    public double percentileMillis(double p) {
        return percentileNanos(p) / 1e6;
    }

    public double meanMillis() {
        if (sortedNanos.length == 0) {
            return 0;
        }
        double sum = 0;
        for (long n : sortedNanos) {
            sum += n;
        }
        return sum / sortedNanos.length / 1e6;
    }

    public double maxMillis() {
        return sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    /** The median of some figures (the mean of the middle two for an even count); NaN when there are none. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
