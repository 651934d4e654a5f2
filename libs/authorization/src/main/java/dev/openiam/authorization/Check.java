package dev.openiam.authorization;

import java.util.Map;

/**
 * One authorization a request needs: {@code action} (e.g. {@code iam:UpdateUser}) on {@code resource}, with
 * the action's condition keys (values are a String or a List of Strings). A request is allowed only when
 * every one of its checks is.
 */
public record Check(String action, String resource, Map<String, Object> context) {

    public Check {
        context = Map.copyOf(context);
    }
}
