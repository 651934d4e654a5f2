package dev.openiam.policyservice.decision;

import dev.openiam.policyservice.policy.domain.AwsManagedPolicies;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a principal's policies (its own and its groups': attachments, inline policies; its boundary)
 * in one repeatable-read transaction, so the documents and the revision belong together.
 */
@ApplicationScoped
public class PolicySourceLoader {

    private final Pool pool;
    private final AwsManagedPolicies awsManaged;

    public PolicySourceLoader(Pool pool, AwsManagedPolicies awsManaged) {
        this.pool = pool;
        this.awsManaged = awsManaged;
    }

    /**
     * @param principalId the user's or role's id; its policies and boundary
     * @param groupIds    the user's groups, whose attached and inline policies apply too
     */
    public Uni<PolicySources> load(String accountId, String principalId, List<String> groupIds) {
        String[] holders = new ArrayList<String>() {{
            add(principalId);
            addAll(groupIds);
        }}.toArray(String[]::new);
        return pool.withTransaction(connection -> connection.query("set transaction isolation level repeatable read").execute()
                .chain(() -> revision(connection, accountId))
                .chain(revision -> attachments(connection, holders).chain(arns ->
                        boundaryArn(connection, principalId).chain(boundaryArn -> {
                            Set<String> wanted = new LinkedHashSet<>(arns);
                            if (boundaryArn != null) {
                                wanted.add(boundaryArn);
                            }
                            return customerDocuments(connection, wanted).chain(documents ->
                                    inline(connection, holders).map(inline -> {
                                        List<PolicySources.Source> identity = new ArrayList<>();
                                        for (String arn : arns) {
                                            PolicySources.Source source = managed(arn, documents);
                                            if (source != null) {
                                                identity.add(source);
                                            }
                                        }
                                        identity.addAll(inline);
                                        PolicySources.Source boundary = boundaryArn == null ? null : managed(boundaryArn, documents);
                                        return new PolicySources(revision, identity, boundary, wanted);
                                    }));
                        }))));
    }

    /** The default version of managed policy {@code arn} (AWS-managed, or of this service's tables), or {@code null}. */
    public Uni<PolicySources.Source> managed(String arn) {
        if (AwsManagedPolicies.isAwsManaged(arn)) {
            return Uni.createFrom().item(managed(arn, List.of()));
        }
        return pool.withConnection(connection -> customerDocuments(connection, Set.of(arn))).map(documents -> managed(arn, documents));
    }

    PolicySources.Source managed(String arn, List<PolicySources.Source> documents) {
        if (AwsManagedPolicies.isAwsManaged(arn)) {
            return awsManaged.find(arn).map(p -> new PolicySources.Source(arn, arn + "#" + p.defaultVersionId(), p.document(), true))
                    .orElse(null);
        }
        return documents.stream().filter(source -> source.id().equals(arn)).findFirst().orElse(null);
    }

    private static Uni<Long> revision(SqlConnection connection, String accountId) {
        return connection.preparedQuery("select revision from policy.account_revisions where account_id = $1")
                .execute(Tuple.of(accountId)).map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0L);
    }

    private static Uni<List<String>> attachments(SqlConnection connection, String[] holders) {
        return connection.preparedQuery("select policy_arn from policy.attachments where principal_id = any($1) order by id")
                .execute(Tuple.of(holders)).map(rows -> {
                    List<String> arns = new ArrayList<>();
                    rows.forEach(row -> {
                        if (!arns.contains(row.getString(0))) {
                            arns.add(row.getString(0));
                        }
                    });
                    return arns;
                });
    }

    private static Uni<String> boundaryArn(SqlConnection connection, String principalId) {
        return connection.preparedQuery("select policy_arn from policy.permissions_boundaries where principal_id = $1")
                .execute(Tuple.of(principalId)).map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    static Uni<List<PolicySources.Source>> customerDocuments(SqlConnection connection, Set<String> arns) {
        if (arns.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // the policy id is part of the key: a policy deleted and created again has the same ARN and v1
        return connection.preparedQuery("select p.arn, v.version_id, v.document, p.policy_id from policy.policies p join policy.policy_versions v "
                        + "on v.policy_id = p.policy_id and v.version_id = p.default_version_id where p.arn = any($1)")
                .execute(Tuple.of(arns.toArray(String[]::new))).map(rows -> {
                    List<PolicySources.Source> sources = new ArrayList<>();
                    for (Row row : rows) {
                        sources.add(new PolicySources.Source(row.getString(0), row.getString(3) + "#" + row.getString(1),
                                row.getString(2), false));
                    }
                    return sources;
                });
    }

    private static Uni<List<PolicySources.Source>> inline(SqlConnection connection, String[] holders) {
        return connection.preparedQuery("select principal_id, principal_type, principal_name, policy_name, document, updated_at "
                        + "from policy.inline_policies where principal_id = any($1) order by id")
                .execute(Tuple.of(holders)).map(rows -> {
                    List<PolicySources.Source> sources = new ArrayList<>();
                    for (Row row : rows) {
                        String owner = row.getString("principal_type") + "/" + row.getString("principal_name");
                        String id = owner + "/inline/" + row.getString("policy_name");
                        // every put moves updated_at, so the key names this exact text
                        sources.add(new PolicySources.Source(id, row.getString("principal_id") + "/" + row.getString("policy_name")
                                + "@" + row.getOffsetDateTime("updated_at"), row.getString("document"), false));
                    }
                    return sources;
                });
    }
}
