package dev.openiam.identity.credentialreport;

import dev.openiam.identity.Api;
import dev.openiam.identity.credentialreport.domain.CredentialReportService;
import dev.openiam.model.IamException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** GenerateCredentialReport's states and GetCredentialReport's errors, over time. */
@QuarkusTest
class CredentialReportServiceTest {

    @Inject
    CredentialReportService reports;
    @Inject
    Pool pool;

    @Test
    void startedThenInProgressThenCompleteReusedThenExpired() throws Throwable {
        Api api = Api.fresh();
        api.post("users", "{\"userName\":\"zed\"}").statusCode(201);
        String account = api.accountId();
        assertError(account, "ReportNotPresent");
        assertThat(call(() -> reports.generate(account))).isEqualTo("STARTED");
        // built in the background: meanwhile Generate says it is in progress (or done), Get that it is not ready
        assertThat(call(() -> reports.generate(account))).isIn("INPROGRESS", "COMPLETE");
        CredentialReportService.Report report = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsMatching(e -> e instanceof IamException ie && ie.code().awsCode().equals("ReportInProgress"))
                .until(() -> call(() -> reports.get(account)), r -> r != null);
        Map<String, Map<String, String>> rows = CredentialReportCsvTest.parse(report.content()).stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.get("user"), r -> r));
        assertThat(rows).containsOnlyKeys("<root_account>", "zed");
        assertThat(call(() -> reports.generate(account))).isEqualTo("COMPLETE");

        sql("update identity.credential_reports set generated_at = now() - interval '4 hours 1 minute' where account_id = $1", account);
        assertError(account, "ReportExpired");
        assertThat(call(() -> reports.generate(account))).isEqualTo("STARTED");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsMatching(e -> e instanceof IamException)
                .until(() -> call(() -> reports.get(account)), r -> r != null);

        // a build abandoned by a replica that died: in progress for a while, then started over
        sql("update identity.credential_reports set state = 'STARTED', started_at = now() where account_id = $1", account);
        assertError(account, "ReportInProgress");
        assertThat(call(() -> reports.generate(account))).isEqualTo("INPROGRESS");
        sql("update identity.credential_reports set started_at = now() - interval '6 minutes' where account_id = $1", account);
        assertThat(call(() -> reports.generate(account))).isEqualTo("STARTED");
    }

    private void assertError(String account, String code) {
        assertThatThrownBy(() -> call(() -> reports.get(account))).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.code().awsCode()).isEqualTo(code));
    }

    private void sql(String statement, String account) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(statement).execute(Tuple.of(account)));
    }

    private static <T> T call(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
