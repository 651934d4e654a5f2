package dev.openiam.glue.audit;

import dev.openiam.audittrail.ApiCall;
import dev.openiam.awsprotocol.error.ClientError;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.outbox.AuditOutbox;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The one audit record of the API call a front door is serving, kept with the request (its Vert.x context) from the
 * moment the caller and the action are known until the answer. Exactly one record per call:
 * <ul>
 *     <li>a write appends it in its own transaction ({@link #appendInTransaction}, from the service's write
 *     pipeline), so the change and its record commit together, and a rolled-back write leaves no record of success;</li>
 *     <li>otherwise — a read, a refusal, a failure — the front door records it when it answers ({@link #around}),
 *     in the audit outbox table before the answer leaves (batched with concurrent calls), never on Kafka's time;</li>
 *     <li>a call forwarded to another service is recorded there, under the same event id and time
 *     ({@link #recordedElsewhere}); should the forward fail without an answer, the front door records the failure under
 *     that same event id, which audit-service stores once.</li>
 * </ul>
 * A record that cannot be stored (the database is down) is logged by event id and the call is answered all the same.
 */
public final class AuditedCall {

    private static final Logger LOG = Logger.getLogger(AuditedCall.class);
    private static final String KEY = AuditedCall.class.getName();

    private volatile ApiCall call;
    private volatile boolean recorded;
    private volatile boolean appended;

    private AuditedCall(ApiCall call) {
        this.call = call;
    }

    /** Starts auditing {@code call} for the current request. */
    public static AuditedCall begin(ApiCall call) {
        AuditedCall audited = new AuditedCall(call);
        ContextLocals.put(KEY, audited);
        return audited;
    }

    /** The call the current request is serving, or {@code null} (no request, or not yet authenticated). */
    public static AuditedCall current() {
        try {
            return ContextLocals.<AuditedCall>get(KEY).orElse(null);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return null; // not on a request's (duplicated) context: a background job
        }
    }

    public ApiCall call() {
        return call;
    }

    /** An unsigned call's caller is known at last (a web identity token verified): its record names it. */
    public void identifiedAs(dev.openiam.model.audit.AuditRecord.UserIdentity identity) {
        call = call.identifiedAs(identity);
    }

    /**
     * Inside a write transaction of this call: appends the record of its success with the write's {@code result}
     * (its {@code responseElements}), unless an earlier transaction of the call recorded it. {@link #committed()} after
     * the commit.
     */
    public Uni<Void> appendInTransaction(AuditOutbox outbox, Mutiny.Session session, Object result) {
        if (recorded) {
            return Uni.createFrom().voidItem();
        }
        return outbox.append(session, call.succeeded(result)).invoke(() -> appended = true);
    }

    /** The transaction that {@link #appendInTransaction appended} the record committed: the call is recorded. */
    public void committed(AuditOutbox outbox) {
        if (appended) {
            recorded = true;
            outbox.wakeUp();
        }
    }

    /** The service this call was forwarded to answered: it recorded the call. */
    public void recordedElsewhere() {
        recorded = true;
    }

    /** {@code work} with the call's record stored when it ends, unless a transaction or a peer recorded it. */
    public <T> Uni<T> around(Uni<T> work, AuditOutbox outbox) {
        return work.call(() -> store(outbox, null)).onFailure().call(failure -> store(outbox, failure));
    }

    private Uni<Void> store(AuditOutbox outbox, Throwable failure) {
        if (recorded) {
            return Uni.createFrom().voidItem();
        }
        recorded = true;
        AuditRecord record;
        if (failure == null) {
            record = call.succeeded(null);
        } else {
            ClientError error = ClientError.of(failure);
            record = call.failed(error.code().awsCode(), error.message());
        }
        return outbox.record(record).onFailure().recoverWithUni(e -> {
            LOG.warnf("the audit record of %s (event %s) could not be stored: %s", call.eventName(), call.eventId(), e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }
}
