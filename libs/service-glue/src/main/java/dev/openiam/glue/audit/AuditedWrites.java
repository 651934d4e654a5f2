package dev.openiam.glue.audit;

import dev.openiam.model.IamException;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a service's write of an account does around its own work (identity-service's {@code AccountWrites},
 * policy-service's {@code PolicyWrites}): the audit record of the API call it serves appended in its transaction, a
 * unique index's refusal answered as EntityAlreadyExists, and once it committed, the relays of its events and of the
 * record woken.
 */
public final class AuditedWrites {

    /** PostgreSQL's unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Outbox outbox;
    private final AuditOutbox audit;

    public AuditedWrites(Outbox outbox, AuditOutbox audit) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The outbox the write's events go to. */
    public Outbox outbox() {
        return outbox;
    }

    /**
     * One write as {@code transaction} runs it, for the API call being served ({@link AuditedCall#current()}; none for
     * background work). {@code transaction} gets the call and puts its work through {@link #recorded} inside.
     */
    public <T> Uni<T> write(Function<AuditedCall, Uni<T>> transaction) {
        AuditedCall call = AuditedCall.current();
        return transaction.apply(call)
                .onFailure(AuditedWrites::isUniqueViolation).transform(e -> IamException.alreadyExists(
                        "The request was rejected because it attempted to create a resource that already exists."))
                .invoke(() -> {
                    outbox.wakeUp();
                    if (call != null) {
                        call.committed(audit);
                    }
                });
    }

    /** {@code work}, then the record of {@code call} (if any) with its result, in the same transaction ({@code session}). */
    public <T> Uni<T> recorded(AuditedCall call, Mutiny.Session session, Supplier<Uni<T>> work) {
        return work.get().call(value -> call == null ? Uni.createFrom().voidItem()
                : call.appendInTransaction(audit, session, value));
    }

    /** A unique index caught what the checks inside the lock could not see (a name across accounts). */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseException database && UNIQUE_VIOLATION.equals(database.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
