package dev.openiam.model.event;

/**
 * The payload of an event: a versioned record whose simple class name is its {@code type}.
 * Each producing service has its own sealed family ({@link IdentityEvent}, …).
 */
public interface Event {
}
