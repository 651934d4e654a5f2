package dev.openiam.policyservice.decision;

import dev.openiam.internalauth.SessionContext;
import dev.openiam.policy.CompiledPolicy;
import dev.openiam.policy.PolicyType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A session's policies, compiled: its inline session policy and the managed policies it names ({@code PolicyArns}),
 * each as it reads now (a managed policy's default version). Together they bound what the session may do: an action
 * needs an Allow from one of them. A session that names policies none of which exists any more may do nothing (fail
 * closed), and so may a federated user made without any.
 */
@ApplicationScoped
public class SessionPolicies {

    /** What a session gets when none of the policies it names exists: an Allow of nothing. */
    private static final String NOTHING = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"none:nothing\",\"Resource\":\"*\"}]}";

    private final Pool pool;
    private final PolicySourceLoader loader;
    private final DocumentCache documents;

    public SessionPolicies(Pool pool, PolicySourceLoader loader, DocumentCache documents) {
        this.pool = pool;
        this.loader = loader;
        this.documents = documents;
    }

    /** The session's policies; empty when it has none (then only the principal's own policies apply). */
    public Uni<List<CompiledPolicy>> of(SessionContext session) {
        if (session == null || (session.policy() == null && session.policyArns().isEmpty())) {
            // a federated user passed no policy: it may do nothing, as AWS documents
            return Uni.createFrom().item(session != null && "FederatedUser".equals(session.type())
                    ? List.of(compile("session-policy", "nothing", NOTHING)) : List.of());
        }
        List<CompiledPolicy> policies = new ArrayList<>();
        if (session.policy() != null) {
            policies.add(compile("session-policy", "inline:" + session.policy(), session.policy()));
        }
        if (session.policyArns().isEmpty()) {
            return Uni.createFrom().item(policies);
        }
        Set<String> arns = new LinkedHashSet<>(session.policyArns());
        return pool.withConnection(connection -> PolicySourceLoader.customerDocuments(connection, arns)).map(documents -> {
            for (String arn : arns) {
                PolicySources.Source source = loader.managed(arn, documents);
                if (source != null) {
                    policies.add(compile(arn, source.key(), source.document()));
                }
            }
            if (policies.isEmpty()) {
                policies.add(compile("session-policy", "nothing", NOTHING));
            }
            return policies;
        });
    }

    private CompiledPolicy compile(String id, String key, String document) {
        return documents.compile(id, key, document, PolicyType.SESSION, null);
    }
}
