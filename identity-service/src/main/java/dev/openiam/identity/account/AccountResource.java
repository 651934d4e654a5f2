package dev.openiam.identity.account;

import dev.openiam.identity.auth.CurrentCaller;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Creates accounts. Only the root of the management account (the first account, made by the
 * bootstrap) may; the answer holds the new account's root access key, secret included, once.
 */
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "accounts")
public class AccountResource {

    public record CreateAccountRequest(String accountId) {
    }

    private final AccountService accounts;
    private final AccountRepository repository;
    private final CurrentCaller caller;

    public AccountResource(AccountService accounts, AccountRepository repository, CurrentCaller caller) {
        this.accounts = accounts;
        this.repository = repository;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create an account with a root user and root access key")
    public Uni<Response> create(CreateAccountRequest request) {
        String actor = caller.get().arn();
        String callerAccount = caller.get().accountId();
        return managementAccount().chain(management -> {
            if (!management.equals(callerAccount)) {
                throw new IamException(ErrorCode.ACCESS_DENIED,
                        "User: " + actor + " is not authorized to create accounts: only the management account's root may");
            }
            return accounts.create(actor, request == null ? null : request.accountId(), null, null);
        }).map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @WithSession
    Uni<String> managementAccount() {
        return repository.find("order by createdAt, accountId").firstResult().map(account -> account.accountId);
    }
}
