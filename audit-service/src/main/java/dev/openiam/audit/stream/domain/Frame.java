package dev.openiam.audit.stream.domain;

import dev.openiam.audit.event.persistence.EventStore;

import java.nio.charset.StandardCharsets;

/**
 * One record as a server-sent event, made once for every subscriber: {@code id} its place in the ingest order,
 * {@code event} {@value #EVENT}, {@code data} its CloudTrail JSON (one line; a line break, which compact JSON never
 * holds, would start another {@code data} line), then the blank line that ends the event.
 */
public record Frame(long seq, EventStore.Columns columns, byte[] bytes) {

    /** The SSE event name of a record. */
    public static final String EVENT = "record";

    static Frame of(EventStore.Stored stored) {
        String data = stored.json().replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\ndata: ");
        String text = "id: " + stored.seq() + "\nevent: " + EVENT + "\ndata: " + data + "\n\n";
        return new Frame(stored.seq(), stored.columns(), text.getBytes(StandardCharsets.UTF_8));
    }
}
