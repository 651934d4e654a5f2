package dev.openiam.identity.credentialreport.domain;

import dev.openiam.identity.accesskey.domain.AccessKeyService;
import dev.openiam.identity.accesskey.domain.AccessKeyUsage;
import dev.openiam.identity.account.AccountRepository;
import dev.openiam.identity.credentialreport.persistence.CredentialReportEntity;
import dev.openiam.identity.credentialreport.persistence.CredentialReportRepository;
import dev.openiam.identity.loginprofile.domain.LoginProfileService;
import dev.openiam.identity.loginprofile.domain.PasswordUse;
import dev.openiam.identity.mfa.domain.MfaDeviceService;
import dev.openiam.identity.user.domain.User;
import dev.openiam.identity.user.domain.UserService;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * GenerateCredentialReport and GetCredentialReport, as AWS runs them: the first Generate answers STARTED and builds
 * the report in the background; a Generate while it is built answers INPROGRESS; a report younger than four hours is
 * reused (COMPLETE). Get answers ReportNotPresent before any, ReportInProgress while building, ReportExpired after
 * four hours. One row per account, locked while a Generate decides.
 */
@ApplicationScoped
public class CredentialReportService {

    private static final Logger LOG = Logger.getLogger(CredentialReportService.class);
    static final Duration REUSED_FOR = Duration.ofHours(4);
    /** A build not finished by then died with its replica: the next Generate starts over. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    public static final String STARTED = "STARTED";
    public static final String IN_PROGRESS = "INPROGRESS";
    public static final String COMPLETE = "COMPLETE";

    private final CredentialReportRepository reports;
    private final AccountRepository accounts;
    private final UserService users;
    private final AccessKeyService keys;
    private final LoginProfileService passwords;
    private final PasswordUse passwordUse;
    private final MfaDeviceService mfa;

    public CredentialReportService(CredentialReportRepository reports, AccountRepository accounts, UserService users,
                                   AccessKeyService keys, LoginProfileService passwords, PasswordUse passwordUse, MfaDeviceService mfa) {
        this.reports = reports;
        this.accounts = accounts;
        this.users = users;
        this.keys = keys;
        this.passwords = passwords;
        this.passwordUse = passwordUse;
        this.mfa = mfa;
    }

    public record Report(byte[] content, Instant generatedAt) {
    }

    /** The state GenerateCredentialReport answers; a build it starts runs after the answer. */
    public Uni<String> generate(String accountId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> reports.findById(accountId, LockModeType.PESSIMISTIC_WRITE).chain(row -> {
            if (row != null && COMPLETE.equals(row.state) && row.generatedAt.plus(REUSED_FOR).isAfter(now)) {
                return Uni.createFrom().item(COMPLETE);
            }
            if (row != null && STARTED.equals(row.state) && row.startedAt.plus(ABANDONED_AFTER).isAfter(now)) {
                return Uni.createFrom().item(IN_PROGRESS);
            }
            CredentialReportEntity report = row != null ? row : new CredentialReportEntity();
            report.accountId = accountId;
            report.state = STARTED;
            report.startedAt = now;
            report.generatedAt = null;
            report.content = null;
            return (row != null ? Uni.createFrom().item(report) : reports.persist(report)).replaceWith(STARTED);
        })).invoke(state -> {
            if (STARTED.equals(state)) {
                buildLater(accountId, now);
            }
        });
    }

    public Uni<Report> get(String accountId) {
        Instant now = Instant.now();
        return Panache.withSession(() -> reports.findById(accountId)).map(row -> {
            if (row == null) {
                throw new IamException(ErrorCode.REPORT_NOT_PRESENT,
                        "Credential report not present. Use GenerateCredentialReport to generate one.");
            }
            if (!COMPLETE.equals(row.state)) {
                throw new IamException(ErrorCode.REPORT_IN_PROGRESS, "Credential report generation is in progress.");
            }
            if (!row.generatedAt.plus(REUSED_FOR).isAfter(now)) {
                throw new IamException(ErrorCode.REPORT_EXPIRED,
                        "Credential report has expired. Use GenerateCredentialReport to generate a new one.");
            }
            return new Report(row.content, row.generatedAt);
        });
    }

    /** On a worker, in a context of its own: the request that started it has been answered. */
    private void buildLater(String accountId, Instant startedAt) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(() -> build(accountId, startedAt));
            } catch (Throwable failure) {
                LOG.errorf("credential report of account %s not generated: %s", accountId, failure.getMessage());
            }
        });
    }

    Uni<Void> build(String accountId, Instant startedAt) {
        return Panache.withSession(() -> rows(accountId)).map(CredentialReportCsv::write)
                .chain(csv -> Panache.withTransaction(() -> reports.findById(accountId, LockModeType.PESSIMISTIC_WRITE).chain(row -> {
                    // a newer Generate took over after this build was abandoned: leave the row to it
                    if (row == null || !STARTED.equals(row.state) || !row.startedAt.equals(startedAt)) {
                        return Uni.createFrom().voidItem();
                    }
                    row.state = COMPLETE;
                    row.generatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    row.content = csv;
                    return Uni.createFrom().voidItem();
                })));
    }

    /** Root first, then every user by name; one session, one query after another. */
    private Uni<List<CredentialReportCsv.Principal>> rows(String accountId) {
        return accounts.findById(accountId).chain(account -> users.all(accountId).chain(userList -> keys.ofAccount(accountId)
                .chain(keyList -> passwords.passwordsOf(accountId).chain(passwordFacts -> passwordUse.ofAccount(accountId)
                        .chain(used -> mfa.withActiveMfa(accountId).map(devices -> {
                            // the root user is named by the account id here, by MfaDeviceService.ROOT there
                            Set<String> mfaActive = new java.util.HashSet<>(devices);
                            if (mfaActive.remove(MfaDeviceService.ROOT)) {
                                mfaActive.add(accountId);
                            }
                            List<CredentialReportCsv.Principal> rows = new ArrayList<>();
                            rows.add(principal(true, null, Arn.root(AccountId.of(accountId)).toString(), accountId,
                                    account.createdAt, null, keyList, passwordFacts, used, mfaActive));
                            for (User user : userList) {
                                rows.add(principal(false, user.userName(), user.arn(), user.userId(), user.createDate(),
                                        user.userId(), keyList, passwordFacts, used, mfaActive));
                            }
                            return rows;
                        }))))));
    }

    private static CredentialReportCsv.Principal principal(boolean root, String name, String arn, String principalId,
                                                           Instant created, String keyOwner, List<AccessKeyUsage> keys,
                                                           Map<String, LoginProfileService.PasswordFacts> passwords,
                                                           Map<String, Instant> used, Set<String> mfaActive) {
        LoginProfileService.PasswordFacts password = passwords.get(principalId);
        List<CredentialReportCsv.Key> owned = keys.stream().filter(k -> Objects.equals(k.userId(), keyOwner))
                .map(k -> new CredentialReportCsv.Key(k.active(), k.createDate(), k.lastUsedDate(), k.lastUsedRegion(),
                        k.lastUsedService()))
                .toList();
        return new CredentialReportCsv.Principal(root, name, arn, created, password != null, used.get(principalId),
                password == null ? null : password.changedAt(), password == null ? null : password.expiresAt(),
                mfaActive.contains(principalId), owned);
    }
}
