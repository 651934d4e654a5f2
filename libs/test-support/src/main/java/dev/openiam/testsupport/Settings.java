package dev.openiam.testsupport;

/** Reads a setting from the environment, or from a system property of the given name. */
final class Settings {

    private Settings() {
    }

    /** The environment variable wins; the system property lets a build pass the same value with {@code -D}. */
    static String get(String envName, String propertyName) {
        String value = System.getenv(envName);
        if (value == null || value.isBlank()) {
            value = System.getProperty(propertyName);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
