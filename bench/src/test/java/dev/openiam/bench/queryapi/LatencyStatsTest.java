package dev.openiam.bench.queryapi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyStatsTest {

    @Test
    void nearestRankPercentiles() {
        LatencyStats stats = new LatencyStats(LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000).toArray());
        assertThat(stats.percentileMillis(50)).isEqualTo(50.0);
        assertThat(stats.percentileMillis(90)).isEqualTo(90.0);
        assertThat(stats.percentileMillis(99)).isEqualTo(99.0);
        assertThat(stats.percentileMillis(100)).isEqualTo(100.0);
        assertThat(stats.maxMillis()).isEqualTo(100.0);
        assertThat(stats.meanMillis()).isEqualTo(50.5);
        assertThat(new LatencyStats(new long[] {7}).percentileNanos(1)).isEqualTo(7);
        assertThat(new LatencyStats(new long[0]).percentileNanos(50)).isZero();
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(LatencyStats.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(LatencyStats.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
        assertThat(LatencyStats.median(new double[0])).isNaN();
    }

    @Test
    void summaryPutsTheMedianRoundOfEachLabelSideBySide() throws Exception {
        List<String> lines = List.of(
                line("before", 1, 2.0, 10.0), line("after", 1, 2.2, 9.0),
                line("before", 2, 4.0, 30.0), line("after", 2, 2.4, 11.0),
                line("before", 3, 3.0, 20.0), line("after", 3, 9.0, 99.0));
        String summary = Summarize.summarize(lines, "before", "after");
        assertThat(summary).contains("| GetUser | 1 | 3 / 3 | 3.00 | 2.40 | -20.0 % | 20.00 | 11.00 | -45.0 % | 100 | 100 | 0 |");
        assertThat(summary).contains("| GetUser | 1 | 0.00 | 0.00 | — / — / 1.00 | — / — / 2.00 | +100.0 % |");
        assertThat(summary).contains("| GetUser | 1 | before | r1: 2.00 / 10.00, 100; r2: 4.00 / 30.00, 100; r3: 3.00 / 20.00, 100 |");
    }

    private static String line(String label, int round, double p50, double p99) {
        return "{\"label\":\"" + label + "\",\"round\":" + round + ",\"op\":\"GetUser\",\"concurrency\":1,\"calls\":10,\"errors\":0,"
                + "\"p50_ms\":" + p50 + ",\"p90_ms\":0,\"p99_ms\":" + p99 + ",\"throughput_per_s\":100,\"cpu_ms_per_call\":{\"total\":" + (label.equals("before") ? 1 : 2) + "}}";
    }
}
