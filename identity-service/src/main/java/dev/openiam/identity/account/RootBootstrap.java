package dev.openiam.identity.account;

import dev.openiam.identity.config.IdentityConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * On first start with an empty database, creates the first account and its root access key from
 * {@code IAM_BOOTSTRAP_*}, or generates them and prints them once on standard output. One transaction
 * under an advisory lock, so two replicas starting together create one account.
 */
@ApplicationScoped
public class RootBootstrap {

    private static final Logger LOG = Logger.getLogger(RootBootstrap.class);
    private static final long LOCK_KEY = 0x424f4f5453545250L;

    void onStart(@Observes StartupEvent event, AccountService accounts, AccountRepository repository,
                 IdentityConfig config) throws Throwable {
        IdentityConfig.Bootstrap bootstrap = config.bootstrap();
        AccountService.NewAccount created = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                Panache.getSession()
                        .chain(session -> session.createNativeQuery("select cast(pg_advisory_xact_lock(?1) as text)")
                                .setParameter(1, LOCK_KEY).getSingleResult())
                        .chain(ignored -> repository.count())
                        .chain(existing -> existing > 0 ? Uni.createFrom().nullItem()
                                : accounts.create("system", bootstrap.accountId().orElse(null),
                                bootstrap.rootAccessKeyId().orElse(null), bootstrap.rootSecretAccessKey().orElse(null)))));
        if (created != null) {
            announce(created, bootstrap.rootSecretAccessKey().isEmpty());
        }
    }

    private static void announce(AccountService.NewAccount created, boolean generated) {
        LOG.infof("bootstrapped account %s with root access key %s", created.accountId(),
                created.rootAccessKey().accessKeyId());
        if (generated) {
            // Printed once, on stdout rather than the log, because no one else will ever see this secret.
            System.out.printf("%nIAM root credentials (shown once):%n  IAM_ACCOUNT_ID=%s%n  AWS_ACCESS_KEY_ID=%s%n"
                            + "  AWS_SECRET_ACCESS_KEY=%s%n%n", created.accountId(), created.rootAccessKey().accessKeyId(),
                    created.rootAccessKey().secretAccessKey());
        }
    }
}
