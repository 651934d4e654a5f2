package dev.openiam.identity.query;

import dev.openiam.authorization.IamAuthorizations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;
import java.util.TreeMap;

/** Every IAM action identity-service serves, by name. */
@ApplicationScoped
public class IamActions {

    private final Map<String, IamAction> byName = new TreeMap<>();

    public IamActions(Instance<IamActionGroup> groups) {
        for (IamActionGroup group : groups) {
            for (IamAction action : group.actions()) {
                if (byName.put(action.name(), action) != null) {
                    throw new IllegalStateException("IAM action " + action.name() + " is served twice");
                }
                // an action without an authorization description could only be decided by guesswork
                if (IamAuthorizations.get().find(action.name()) == null) {
                    throw new IllegalStateException("IAM action " + action.name() + " has no authorization description");
                }
            }
        }
    }

    /** The action, or {@code null}. */
    public IamAction find(String name) {
        return name == null ? null : byName.get(name);
    }

    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(byName.keySet());
    }
}
