package dev.openiam.identity.loginprofile.domain;

import dev.openiam.identity.account.AccountRepository;
import dev.openiam.identity.config.IdentityConfig;
import dev.openiam.identity.loginprofile.persistence.LoginProfileRepository;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Gives the bootstrap account's root user the console password of {@code IAM_BOOTSTRAP_ROOT_PASSWORD}, once: when
 * it is set and root has no password yet (after that, root changes it through the API). Runs after the account's
 * own bootstrap. A password the account's policy refuses stops the start, with the policy's reason.
 */
@ApplicationScoped
public class RootPasswordBootstrap {

    private static final Logger LOG = Logger.getLogger(RootPasswordBootstrap.class);

    void onStart(@Observes @Priority(3000) StartupEvent event, IdentityConfig config, AccountRepository accounts,
                 LoginProfileRepository profiles, LoginProfileService service) throws Throwable {
        String password = config.bootstrap().rootPassword().filter(p -> !p.isEmpty()).orElse(null);
        if (password == null) {
            return;
        }
        String accountId = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                config.bootstrap().accountId().isPresent() ? Uni.createFrom().item(config.bootstrap().accountId().get())
                        : accounts.find("order by createdAt").firstResult().map(account -> account == null ? null : account.accountId)));
        if (accountId == null) {
            return;
        }
        boolean exists = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> profiles.findById(accountId))) != null;
        if (exists) {
            return;
        }
        try {
            VertxContextSupport.subscribeAndAwait(() -> service.create(accountId, "system", null, password, false));
            LOG.infof("set the root user's console password of account %s from the bootstrap configuration", accountId);
        } catch (IamException e) {
            throw new IllegalStateException("IAM_BOOTSTRAP_ROOT_PASSWORD cannot be the root password: " + e.getMessage());
        }
    }
}
