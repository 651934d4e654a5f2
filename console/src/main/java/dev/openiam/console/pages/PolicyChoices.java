package dev.openiam.console.pages;

import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

import java.util.ArrayList;
import java.util.List;

/**
 * The policies a wizard offers to attach: the account's own (ListPolicies, Scope=Local) and AWS's most used managed
 * policies (by ARN; any other ARN can be typed).
 */
@ApplicationScoped
public class PolicyChoices {

    /** A policy offered: its ARN, the name shown, and whether its box is ticked. */
    public record Choice(String arn, String name, boolean awsManaged, boolean checked) {
    }

    static final List<String> COMMON_AWS_MANAGED = List.of("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess",
            "IAMFullAccess", "IAMReadOnlyAccess", "IAMUserChangePassword");

    private final AwsApi aws;

    public PolicyChoices(AwsApi aws) {
        this.aws = aws;
    }

    public List<Choice> offered(ConsoleSession session) {
        return offered(session, List.of());
    }

    /** The policies offered, those of {@code ticked} with their boxes ticked (a form shown again). */
    public List<Choice> offered(ConsoleSession session, List<String> ticked) {
        List<Choice> choices = new ArrayList<>();
        aws.iam(session, iam -> iam.listPoliciesPaginator(b -> b.scope(PolicyScopeType.LOCAL)).policies().stream().toList())
                .forEach(p -> choices.add(new Choice(p.arn(), p.policyName(), false, ticked.contains(p.arn()))));
        COMMON_AWS_MANAGED.forEach(name -> {
            String arn = "arn:aws:iam::aws:policy/" + name;
            choices.add(new Choice(arn, name, true, ticked.contains(arn)));
        });
        return choices;
    }

    /** The ARNs chosen: the boxes ticked and the ARNs typed (one per line or comma-separated). */
    static List<String> chosen(List<String> ticked, String typed) {
        List<String> arns = new ArrayList<>();
        if (ticked != null) {
            ticked.stream().filter(arn -> arn != null && !arn.isBlank()).forEach(arns::add);
        }
        if (typed != null) {
            for (String arn : typed.split("[,\\s]+")) {
                if (!arn.isBlank() && !arns.contains(arn.trim())) {
                    arns.add(arn.trim());
                }
            }
        }
        return arns;
    }
}
