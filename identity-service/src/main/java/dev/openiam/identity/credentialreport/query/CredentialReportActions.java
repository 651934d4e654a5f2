package dev.openiam.identity.credentialreport.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.credentialreport.domain.CredentialReportService;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Base64;
import java.util.List;

/** GenerateCredentialReport and GetCredentialReport (the CSV base64-encoded, as the Query protocol sends blobs). */
@ApplicationScoped
public class CredentialReportActions implements IamActionGroup {

    private final CredentialReportService reports;

    public CredentialReportActions(CredentialReportService reports) {
        this.reports = reports;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("GenerateCredentialReport", this::generate),
                new IamAction("GetCredentialReport", this::get));
    }

    private Uni<Result> generate(QueryRequest q, Caller caller) {
        return reports.generate(caller.accountId()).map(state -> Result.of(r -> r.text("State", state)
                .text("Description", CredentialReportService.COMPLETE.equals(state) ? null
                        : CredentialReportService.STARTED.equals(state) ? "No report exists. Starting a new report generation task"
                        : "A report generation task is in progress")));
    }

    private Uni<Result> get(QueryRequest q, Caller caller) {
        return reports.get(caller.accountId()).map(report -> Result.of(r -> r
                .text("Content", Base64.getEncoder().encodeToString(report.content()))
                .text("ReportFormat", "text/csv")
                .date("GeneratedTime", report.generatedAt())));
    }
}
