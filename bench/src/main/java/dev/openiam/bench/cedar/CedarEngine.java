package dev.openiam.bench.cedar;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.Context;
import com.cedarpolicy.model.entity.Entities;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.IpAddress;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.openiam.bench.Engine;
import dev.openiam.bench.workload.RequestSpec;
import dev.openiam.bench.workload.Workload;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** cedar-java ({@code BasicAuthorizationEngine}, native Cedar through JNI) with the policy set cached on the native side. */
public final class CedarEngine implements Engine {

    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final PolicySet policies;
    private final Entities entities;
    private final List<AuthorizationRequest> requests;

    public CedarEngine(Workload workload) {
        try {
            this.policies = PolicySet.parsePolicies(new CedarTranslator(workload.principal()).policies(workload));
            policies.cache();
        } catch (InternalException | RuntimeException e) {
            throw new IllegalStateException("cedar rejected the translated policies", e);
        } catch (com.cedarpolicy.model.exception.CacheException e) {
            throw new IllegalStateException("cedar could not cache the policy set", e);
        }
        EntityUID user = EntityTypeName.parse("User").orElseThrow().of(workload.principal().userName());
        EntityUID action = EntityTypeName.parse("Action").orElseThrow().of("call");
        EntityUID resource = EntityTypeName.parse("Resource").orElseThrow().of("any");
        Map<String, Value> userAttributes = Map.of("team", new PrimString(workload.principal().team()));
        this.entities = new Entities(Set.of(new Entity(user, userAttributes, Set.of())));
        this.requests = workload.requests().stream()
                .map(r -> new AuthorizationRequest(user, action, resource, context(r))).toList();
    }

    private static Context context(RequestSpec r) {
        Map<String, Value> context = new HashMap<>();
        context.put("action", new PrimString(r.action().toLowerCase(Locale.ROOT)));
        context.put("resource", new PrimString(r.resource()));
        context.put("source_ip", new IpAddress(r.sourceIp()));
        context.put("secure_transport", new PrimBool(r.secureTransport()));
        if (r.mfaAge() != null) {
            context.put("mfa_age", new PrimLong(r.mfaAge()));
        }
        if (r.prefix() != null) {
            context.put("prefix", new PrimString(r.prefix()));
        }
        if (r.region() != null) {
            context.put("region", new PrimString(r.region()));
        }
        return new Context(context);
    }

    @Override
    public String name() {
        return "cedar";
    }

    @Override
    public boolean isAllowed(int index) {
        try {
            AuthorizationResponse response = engine.isAuthorized(requests.get(index), policies, entities);
            if (response.success.isEmpty()) {
                throw new IllegalStateException("cedar failed on request " + index + ": " + response);
            }
            if (!response.success.get().getErrors().isEmpty()) {
                throw new IllegalStateException("cedar policy errors on request " + index + ": "
                        + response.success.get().getErrors());
            }
            return response.success.get().isAllowed();
        } catch (AuthException e) {
            throw new IllegalStateException("cedar failed on request " + index, e);
        }
    }
}
