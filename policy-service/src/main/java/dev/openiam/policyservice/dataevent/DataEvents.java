package dev.openiam.policyservice.dataevent;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openiam.audittrail.ApiCall;
import dev.openiam.audittrail.IamCalls;
import dev.openiam.model.Arn;
import dev.openiam.model.IamException;
import dev.openiam.model.audit.AuditRecord;
import dev.openiam.outbox.AuditOutbox;
import dev.openiam.policy.catalog.ActionCatalog;
import dev.openiam.policy.catalog.ActionInfo;
import dev.openiam.policyservice.decision.AuthorizeRequest;
import dev.openiam.policyservice.decision.AuthorizeResponse;
import dev.openiam.policyservice.principal.AccountPrincipals;
import dev.openiam.policyservice.principal.IdentityProjection;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Records the decisions the decision API makes for users' own services as CloudTrail data events, for the accounts
 * that opted in ({@link DataEventConfig}), every one or a sample: the record shape of every other call, with
 * {@code eventCategory} {@code Data} and {@code managementEvent} false; the action's service as the event source
 * ({@code s3:GetObject}: {@code s3.amazonaws.com}, {@code GetObject}); the principal asked about as the caller, the resource among the request
 * parameters (its type is the asking service's business, unknown here); a
 * deny as {@code AccessDenied} with AWS's message. The record goes through the audit outbox before the decision is
 * answered, as any call's (so no answer is given that an opted-in account would miss).
 */
@ApplicationScoped
public class DataEvents {

    private final DataEventConfig config;
    private final AuditOutbox outbox;
    private final IdentityProjection identities;
    private final DoubleSupplier random;

    @Inject
    public DataEvents(DataEventConfig config, AuditOutbox outbox, IdentityProjection identities) {
        this(config, outbox, identities, () -> ThreadLocalRandom.current().nextDouble());
    }

    DataEvents(DataEventConfig config, AuditOutbox outbox, IdentityProjection identities, DoubleSupplier random) {
        this.config = config;
        this.outbox = outbox;
        this.identities = identities;
        this.random = random;
    }

    void validate(@Observes StartupEvent event) {
        config.validate();
    }

    /**
     * Records {@code answer} to {@code request} when the principal's account opted in and the decision is sampled;
     * {@code sourceIp} is where the asking service called from (the request's {@code aws:SourceIp}, when it gives one,
     * is the end client's and wins).
     */
    public Uni<Void> record(AuthorizeRequest request, AuthorizeResponse answer, String sourceIp, String userAgent) {
        String account = accountOf(request.principal());
        if (account == null || !config.records(account) || !sampled()) {
            return Uni.createFrom().voidItem();
        }
        return identities.at(account, 0).chain(principals -> outbox.record(
                record(request, answer, account, principals, sourceIp, userAgent)));
    }

    /** Whether this decision is among the sampled ones. */
    boolean sampled() {
        return config.sampleRate() >= 1 || random.getAsDouble() < config.sampleRate();
    }

    static AuditRecord record(AuthorizeRequest request, AuthorizeResponse answer, String account, AccountPrincipals principals,
                              String sourceIp, String userAgent) {
        String action = request.action();
        int colon = action.indexOf(':');
        String prefix = colon > 0 ? action.substring(0, colon).toLowerCase(java.util.Locale.ROOT) : action;
        String name = colon > 0 ? action.substring(colon + 1) : action;
        boolean readOnly = ActionCatalog.bundled().action(action).map(ActionInfo::accessLevel).map(IamCalls::isReadOnly).orElse(false);
        ObjectNode parameters = JsonNodeFactory.instance.objectNode().put("principal", request.principal()).put("action", action)
                .put("resource", request.resource());
        ObjectNode response = JsonNodeFactory.instance.objectNode().put("decision", answer.decision());
        if (answer.reasons() != null) {
            answer.reasons().forEach(response.putArray("reasons")::add);
        }
        Object clientIp = request.context() == null ? null : request.context().get("aws:SourceIp");
        boolean allowed = "Allow".equals(answer.decision());
        return new AuditRecord(AuditRecord.EVENT_VERSION, DecisionPrincipals.identity(request.principal(), account, principals),
                Instant.now(), prefix + ".amazonaws.com", name, ApiCall.GLOBAL_REGION,
                clientIp instanceof String ip ? ip : sourceIp, userAgent, allowed ? null : "AccessDenied",
                allowed ? null : answer.message(), parameters, response, UUID.randomUUID().toString(), UUID.randomUUID(), readOnly,
                List.of(), AuditRecord.API_CALL, false, account, AuditRecord.DATA);
    }

    private static String accountOf(String principal) {
        try {
            return principal == null ? null : Arn.parse(principal).account();
        } catch (IamException e) {
            return null;
        }
    }
}
