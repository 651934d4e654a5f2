package dev.openiam.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The system under test: started once per test run with {@code deploy/local/iam-local start} (own
 * IAM_HOME and ports under {@code target/}, so a developer's instance is left alone) and stopped with
 * {@code iam-local stop} when the run ends. Tests read its endpoint and root credentials from the
 * {@code local.env} it writes, exactly as a user would.
 */
public final class LocalSystem implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static final Object LOCK = new Object();
    private static LocalSystem started;

    private final Path repository;
    private final Path home;
    private final Map<String, String> env;
    private final Map<String, String> local = new HashMap<>();

    private LocalSystem() {
        repository = Path.of(System.getProperty("iam.repository", "..")).toAbsolutePath().normalize();
        home = Path.of(System.getProperty("iam.home", "target/iam-home")).toAbsolutePath();
        env = new HashMap<>(System.getenv());
        env.remove("DB_URL");
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        env.put("IAM_HOME", home.toString());
        // -Diam.e2e.port-offset=N moves every port, so two checkouts can run their e2e suites at once
        int offset = Integer.getInteger("iam.e2e.port-offset", 0);
        env.put("IAM_PG_PORT", String.valueOf(25432 + offset));
        env.put("IAM_KAFKA_PORT", String.valueOf(29092 + offset));
        env.put("IAM_KAFKA_CONTROLLER_PORT", String.valueOf(29093 + offset));
        env.put("IAM_IDENTITY_PORT", String.valueOf(28081 + offset));
        env.put("IAM_POLICY_PORT", String.valueOf(28082 + offset));
        env.put("IAM_STS_PORT", String.valueOf(28083 + offset));
        env.put("IAM_AUDIT_PORT", String.valueOf(28084 + offset));
        env.put("IAM_CONSOLE_PORT", String.valueOf(28085 + offset));
    }

    /** The running system (started on first use). */
    public static LocalSystem get() {
        synchronized (LOCK) {
            if (started == null) {
                LocalSystem system = new LocalSystem();
                try {
                    system.run("start");
                    system.readLocalEnv();
                } catch (RuntimeException e) {
                    try {
                        system.run("stop");
                    } catch (RuntimeException stopFailure) {
                        e.addSuppressed(stopFailure);
                    }
                    throw e;
                }
                started = system;
            }
            return started;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        get();
        // Registered in the root store, so it is closed once, when the whole run ends.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(LocalSystem.class, k -> started);
    }

    @Override
    public void close() {
        run("stop");
    }

    public URI endpoint() {
        return URI.create(value("IAM_ENDPOINT"));
    }

    /** STS, as unchanged SDKs find it ({@code AWS_ENDPOINT_URL_STS} in local.env). */
    public URI stsEndpoint() {
        return URI.create(value("AWS_ENDPOINT_URL_STS"));
    }

    /** CloudTrail (audit-service), as unchanged SDKs find it ({@code AWS_ENDPOINT_URL_CLOUDTRAIL} in local.env). */
    public URI cloudTrailEndpoint() {
        return URI.create(value("AWS_ENDPOINT_URL_CLOUDTRAIL"));
    }

    public String accountId() {
        return value("IAM_ACCOUNT_ID");
    }

    /** The web console ({@code IAM_CONSOLE_ENDPOINT} in local.env). */
    public URI consoleEndpoint() {
        return URI.create(value("IAM_CONSOLE_ENDPOINT"));
    }

    /** The bootstrap account's root console password (iam-local's credentials.env). */
    public String rootPassword() {
        return value("IAM_BOOTSTRAP_ROOT_PASSWORD");
    }

    public String accessKeyId() {
        return value("AWS_ACCESS_KEY_ID");
    }

    public String secretAccessKey() {
        return value("AWS_SECRET_ACCESS_KEY");
    }

    public Path repository() {
        return repository;
    }

    /** The environment a CLI or script gets: the system's local.env on top of this JVM's environment. */
    public Map<String, String> clientEnvironment() {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(local);
        return merged;
    }

    private String value(String key) {
        String value = local.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is missing from " + home.resolve("local.env"));
        }
        return value;
    }

    private void run(String command) {
        Path script = repository.resolve("deploy/local/iam-local");
        try {
            Files.createDirectories(home);
            Path log = home.resolve("iam-local-" + command + ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString(), command))
                    .directory(repository.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("iam-local " + command + " failed:\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running iam-local " + command, e);
        }
    }

    /**
     * Stops one component iam-local started ({@code postgres}, {@code kafka}, {@code identity}, {@code policy}) the
     * way {@code iam-local stop} does — SIGTERM to its launcher, which shuts it down cleanly — and waits until it is
     * gone; the rest keeps running. {@link #startStopped()} brings it back.
     */
    public void stopComponent(String name) {
        end(name, false);
    }

    /**
     * Kills one component iam-local started with SIGKILL, as a crash or an OOM kill would: no shutdown of any kind (an
     * open transaction is cut, a relay round is abandoned); waits until it is gone. {@link #startStopped()} brings it back.
     */
    public void killComponent(String name) {
        end(name, true);
    }

    private void end(String name, boolean kill) {
        Path pidFile = home.resolve("run").resolve(name + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " is not running"));
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            process.onExit().get(2, TimeUnit.MINUTES);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot end " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ending " + name, e);
        }
    }

    /** Starts whatever component of the system is not running ({@code iam-local start} leaves the others alone). */
    public void startStopped() {
        run("start");
    }

    /** The services' key pairs, as iam-local generated them ({@code <service>.pem}, {@code <service>.jwks.json}). */
    public Path keysDir() {
        return home.resolve("keys");
    }

    /** The services' logs, one file per component. */
    public Path logsDir() {
        return home.resolve("logs");
    }

    /** The policy-service endpoint. */
    public URI policyEndpoint() {
        return URI.create(value("IAM_POLICY_ENDPOINT"));
    }

    private void readLocalEnv() {
        read(home.resolve("local.env"));
        read(home.resolve("credentials.env"));
    }

    private void read(Path file) {
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (trimmed.startsWith("export ")) {
                    trimmed = trimmed.substring(7);
                }
                int equals = trimmed.indexOf('=');
                if (equals > 0) {
                    String value = trimmed.substring(equals + 1);
                    if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    local.put(trimmed.substring(0, equals), value);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
