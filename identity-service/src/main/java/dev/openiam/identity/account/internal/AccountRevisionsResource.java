package dev.openiam.identity.account.internal;

import dev.openiam.identity.account.AccountRevisions;
import dev.openiam.internalauth.Purpose;
import dev.openiam.internalauth.ServiceTrust;
import dev.openiam.model.rules.Rules;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For the front doors that decide for a caller without writing through identity-service (sts-service): an account's
 * consistency tokens, so their decisions see everything the account's callers wrote before (read-your-writes). Callers
 * present a token of purpose {@code revisions} for this exact call.
 */
@Path("/internal/v1/accounts/{accountId}/revisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class AccountRevisionsResource {

    private final AccountRevisions revisions;
    private final ServiceTrust trust;

    public AccountRevisionsResource(AccountRevisions revisions, ServiceTrust trust) {
        this.revisions = revisions;
        this.trust = trust;
    }

    @GET
    @Operation(summary = "An account's identity and policy revisions (read-your-writes tokens)")
    public Uni<AccountRevisions.Revisions> revisions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                     @PathParam("accountId") String accountId) {
        trust.verify(authorization, Purpose.REVISIONS, "GET", "/internal/v1/accounts/" + accountId + "/revisions", new byte[0]);
        Rules.matching("accountId", accountId, 12, 12, "\\d{12}");
        return revisions.current(accountId);
    }
}
