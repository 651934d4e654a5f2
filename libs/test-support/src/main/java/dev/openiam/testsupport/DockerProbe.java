package dev.openiam.testsupport;

import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can be used: a Docker engine answers and the user has not opted out. */
final class DockerProbe {

    /** Set to {@code false} to use the embedded servers even where Docker runs. */
    static final String ENV_USE_DOCKER = "IAM_TEST_DOCKER";

    private static final String CACHED_PROPERTY = "iamtest.test-support.docker-available";

    private DockerProbe() {
    }

    static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(Settings.get(ENV_USE_DOCKER, "iam.test.docker"))) {
            return false;
        }
        // Cached JVM-wide: each probe costs a connection attempt and logs an ERROR when there is no engine.
        String cached = System.getProperty(CACHED_PROPERTY);
        if (cached != null) {
            return Boolean.parseBoolean(cached);
        }
        boolean available;
        if (System.getProperty("jna.tmpdir") == null) {
            // docker-java reaches the engine's unix socket through JNA, which otherwise unpacks its
            // native library into ~/.cache/JNA; keep it inside the build directory like everything else
            System.setProperty("jna.tmpdir", WorkDirectories.base().resolve("jna").toString());
        }
        try {
            available = QuietLogs.withoutTestcontainersLogs(() -> DockerClientFactory.instance().isDockerAvailable());
        } catch (Throwable e) {
            // Testcontainers throws for a misconfigured environment, too; either way we fall back to embedded.
            available = false;
        }
        System.setProperty(CACHED_PROPERTY, Boolean.toString(available));
        return available;
    }
}
