package dev.openiam.policyservice.query;

import dev.openiam.authorization.ActionDescription;
import dev.openiam.authorization.IamAuthorizations;
import dev.openiam.authorization.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Every IAM action policy-service serves, by name. */
@ApplicationScoped
public class IamActions {

    private final Map<String, IamAction> byName = new TreeMap<>();

    public IamActions(Instance<IamActionGroup> groups) {
        for (IamActionGroup group : groups) {
            for (IamAction action : group.actions()) {
                if (byName.put(action.name(), action) != null) {
                    throw new IllegalStateException("IAM action " + action.name() + " is served twice");
                }
                ActionDescription description = IamAuthorizations.get().find(action.name());
                if (description == null || description.owner() != Owner.POLICY) {
                    throw new IllegalStateException("IAM action " + action.name() + " is not described as policy-service's");
                }
            }
        }
    }

    /** The action, or {@code null}. */
    public IamAction find(String name) {
        return name == null ? null : byName.get(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }
}
