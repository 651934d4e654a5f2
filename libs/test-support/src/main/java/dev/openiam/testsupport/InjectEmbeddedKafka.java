package dev.openiam.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of type {@link EmbeddedKafka} in a Quarkus test class that
 * {@link RestartableKafkaTestResource} fills with the broker it started.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectEmbeddedKafka {
}
