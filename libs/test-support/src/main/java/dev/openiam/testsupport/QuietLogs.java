package dev.openiam.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.jboss.logmanager.Logger;

/**
 * Turns down the chatter of servers that run inside the test JVM: an in-process Kafka broker logs
 * thousands of INFO lines per start, which bury the test output. Set system property
 * {@code iam.test.kafka.log-level} (a java.util.logging level, e.g. {@code INFO}) to see them again.
 */
final class QuietLogs {

    /*
     * JBoss LogManager's own API, not java.util.logging's: Kafka and Testcontainers log through SLF4J
     * to JBoss LogManager (slf4j-jboss-logmanager comes with Quarkus' test framework), and outside a
     * Quarkus application java.util.logging is not routed there. Loggers are held because a logger
     * that is collected forgets its level.
     */
    private static final List<Logger> HELD = new ArrayList<>();

    private QuietLogs() {
    }

    static synchronized void kafkaBroker() {
        Level level = Level.parse(System.getProperty("iam.test.kafka.log-level", "WARNING"));
        for (String category : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            Logger logger = Logger.getLogger(category);
            logger.setLevel(level);
            HELD.add(logger);
        }
    }

    /** Runs {@code probe} with Testcontainers silent: without Docker it logs an alarming but harmless ERROR. */
    static boolean withoutTestcontainersLogs(java.util.function.BooleanSupplier probe) {
        Logger logger = Logger.getLogger("org.testcontainers");
        Level previous = logger.getLevel();
        logger.setLevel(Level.OFF);
        try {
            return probe.getAsBoolean();
        } finally {
            logger.setLevel(previous);
        }
    }
}
