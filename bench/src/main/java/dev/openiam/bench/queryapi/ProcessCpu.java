package dev.openiam.bench.queryapi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * CPU time used by each component of an iam-local system (Linux {@code /proc}): the processes named by the pid
 * files in {@code $IAM_HOME/run/} (and PostgreSQL's postmaster), with all their descendants, user + system
 * time, including reaped children. On a machine shared with other work, CPU time per call is far steadier
 * than latency, which includes the time spent waiting for a core.
 */
final class ProcessCpu {

    /** Clock ticks per second of /proc/PID/stat's times: 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, List<Long>> roots;

    private ProcessCpu(Map<String, List<Long>> roots) {
        this.roots = roots;
    }

    /** The components of the system whose local.env is {@code localEnv}; none when there is no /proc or no run/. */
    static ProcessCpu of(Path localEnv) {
        Map<String, List<Long>> roots = new LinkedHashMap<>();
        Path home = localEnv.toAbsolutePath().getParent();
        Path run = home.resolve("run");
        if (!Files.isDirectory(Path.of("/proc/self")) || !Files.isDirectory(run)) {
            return new ProcessCpu(roots);
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(run, "*.pid")) {
            for (Path file : pids) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                firstLong(file).ifPresent(pid -> roots.computeIfAbsent(name, k -> new ArrayList<>()).add(pid));
            }
        } catch (IOException e) {
            return new ProcessCpu(Map.of());
        }
        // zonky's PostgreSQL daemonizes: its postmaster is not a child of the launcher
        Path postmaster = home.resolve("postgres/data/postmaster.pid");
        if (Files.isRegularFile(postmaster)) {
            firstLong(postmaster).ifPresent(pid -> roots.computeIfAbsent("postgres", k -> new ArrayList<>()).add(pid));
        }
        return new ProcessCpu(new TreeMap<>(roots));
    }

    /** CPU nanoseconds this JVM (the load generator) has used so far. */
    static long own() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    boolean available() {
        return !roots.isEmpty();
    }

    /** CPU seconds used so far per component. */
    Map<String, Double> sample() {
        Map<Long, long[]> stats = new HashMap<>(); // pid -> {ppid, ticks}
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : proc) {
                long[] stat = stat(dir.resolve("stat"));
                if (stat != null) {
                    stats.put(Long.parseLong(dir.getFileName().toString()), stat);
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        Map<Long, List<Long>> children = new HashMap<>();
        stats.forEach((pid, stat) -> children.computeIfAbsent(stat[0], k -> new ArrayList<>()).add(pid));
        Map<String, Double> seconds = new LinkedHashMap<>();
        roots.forEach((name, pids) -> {
            Set<Long> seen = new HashSet<>();
            Deque<Long> todo = new ArrayDeque<>(pids);
            long ticks = 0;
            while (!todo.isEmpty()) {
                long pid = todo.pop();
                if (!seen.add(pid) || !stats.containsKey(pid)) {
                    continue;
                }
                ticks += stats.get(pid)[1];
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
            seconds.put(name, ticks / TICKS_PER_SECOND);
        });
        return seconds;
    }

    /** {ppid, utime + stime + cutime + cstime} of /proc/PID/stat, or null if the process is gone. */
    private static long[] stat(Path file) {
        try {
            String line = Files.readString(file);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state ppid ... utime(14) stime(15) cutime(16) cstime(17), numbered from 1
            return new long[] {Long.parseLong(fields[1]),
                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Optional<Long> firstLong(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
