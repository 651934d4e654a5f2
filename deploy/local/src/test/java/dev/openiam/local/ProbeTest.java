package dev.openiam.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeTest {

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(503);
    private final AtomicInteger hits = new AtomicInteger();

    @org.junit.jupiter.api.BeforeAll
    static void tmpDirExists() throws Exception {
        // the parent pom points java.io.tmpdir into target/, where nothing has created it yet
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/q/health/ready", exchange -> {
            // not ready for the first two calls, then ready: the probe must keep trying
            if (hits.incrementAndGet() > 2) {
                status.set(200);
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String readyUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/q/health/ready";
    }

    @Test
    void httpWaitsUntilTheServiceAnswers200() {
        assertThat(Probe.run(new String[] {"http", readyUrl(), "--timeout", "30"})).isEqualTo(Probe.READY);
        assertThat(hits.get()).isEqualTo(3);
    }

    @Test
    void httpWithoutTimeoutTriesOnce() {
        assertThat(Probe.run(new String[] {"http", readyUrl()})).isEqualTo(Probe.TIMED_OUT);
        assertThat(hits.get()).isEqualTo(1);
    }

    @Test
    void nothingListeningIsNotReady() {
        server.stop(0);
        assertThat(Probe.run(new String[] {"http", readyUrl(), "--timeout", "1"})).isEqualTo(Probe.TIMED_OUT);
    }

    @Test
    void fileProbe(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("postgres.ready");
        assertThat(Probe.run(new String[] {"file", marker.toString()})).isEqualTo(Probe.TIMED_OUT);
        Files.writeString(marker, "127.0.0.1:1");
        assertThat(Probe.run(new String[] {"file", marker.toString()})).isEqualTo(Probe.READY);
    }

    @Test
    void aWatchedProcessThatExitedEndsTheWaitAtOnce(@TempDir Path dir) throws Exception {
        Process process = new ProcessBuilder(javaExecutable(), "-version").redirectErrorStream(true)
                .redirectOutput(dir.resolve("out").toFile()).start();
        process.waitFor();
        long started = System.nanoTime();

        int result = Probe.run(new String[] {"file", dir.resolve("never").toString(), "--timeout", "60",
                "--pid", Long.toString(process.pid())});

        assertThat(result).isEqualTo(Probe.PROCESS_EXITED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void kafkaProbeSeesNoBrokerOnAClosedPort() {
        assertThat(Probe.run(new String[] {"kafka", "127.0.0.1:1"})).isEqualTo(Probe.TIMED_OUT);
    }

    @Test
    void badUsage() {
        assertThat(Probe.run(new String[] {"http"})).isEqualTo(Probe.USAGE);
        assertThat(Probe.run(new String[] {"smtp", "x"})).isEqualTo(Probe.USAGE);
        assertThat(Probe.run(new String[] {"file", "x", "--retries", "3"})).isEqualTo(Probe.USAGE);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
