package dev.openiam.awsprotocol.error;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Where a renderer reports what it rendered: the caller's faults (4xx) at DEBUG, ours (5xx) at ERROR with the
 * cause. The service passes its own logger, so the library stays free of any logging framework.
 */
public interface FailureLog {

    /** A 4xx: the request was at fault; not worth more than DEBUG. */
    void clientFault(ClientError error);

    /** A 5xx: ours, with the failure as it was thrown (stack trace for the log, never for the client). */
    void serverFault(ClientError error, Throwable cause);

    /** E.g. {@code FailureLog.of(LOG::debug, LOG::error)} with a JBoss {@code Logger}. */
    static FailureLog of(Consumer<String> debug, BiConsumer<String, Throwable> error) {
        return new FailureLog() {
            @Override
            public void clientFault(ClientError e) {
                debug.accept(e.toString());
            }

            @Override
            public void serverFault(ClientError e, Throwable cause) {
                error.accept(e.toString(), cause);
            }
        };
    }

    /** Reports {@code error} as its status says; returns it. */
    default ClientError report(ClientError error, Throwable cause) {
        if (error.serverFault()) {
            serverFault(error, cause);
        } else {
            clientFault(error);
        }
        return error;
    }
}
