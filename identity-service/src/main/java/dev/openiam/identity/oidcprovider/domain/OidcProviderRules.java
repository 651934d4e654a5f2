package dev.openiam.identity.oidcprovider.domain;

import dev.openiam.model.Arn;
import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** AWS's rules for an OIDC provider's URL, client ids and thumbprints (botocore's shapes and the API reference). */
final class OidcProviderRules {

    static final int MAX_CLIENT_IDS = 100;
    static final int MAX_THUMBPRINTS = 5;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{40}");

    private OidcProviderRules() {
    }

    /**
     * The provider's URL as stored and shown: host, optional port and path, without {@code https://} and without a
     * trailing slash. Only {@code https}, with a host, without user info, query or fragment; at most 255 characters.
     */
    static String url(String url) {
        Rules.required("url", url);
        Rules.length("url", url, 1, 255);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("Invalid Openid Connect Provider URL: " + url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || url.contains("?") || url.contains("#")) {
            throw invalid("Invalid Openid Connect Provider URL: " + url
                    + " (it must begin with https:// and name a host, with no query or fragment)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return uri.getRawAuthority() + path;
    }

    static List<String> clientIds(List<String> clientIds) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(clientIds));
        for (int i = 0; i < unique.size(); i++) {
            clientId("clientIDList." + (i + 1) + ".member", unique.get(i));
        }
        if (unique.size() > MAX_CLIENT_IDS) {
            throw IamException.limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + MAX_CLIENT_IDS);
        }
        return unique;
    }

    static String clientId(String field, String clientId) {
        Rules.required(field, clientId);
        Rules.length(field, clientId, 1, 255);
        return clientId;
    }

    /** Thumbprints: none (AWS now allows it) to five, each 40 hexadecimal characters (a SHA-1 fingerprint). */
    static List<String> thumbprints(List<String> thumbprints) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(thumbprints));
        for (int i = 0; i < unique.size(); i++) {
            String field = "thumbprintList." + (i + 1) + ".member";
            Rules.required(field, unique.get(i));
            Rules.length(field, unique.get(i), 40, 40);
            if (!HEX.matcher(unique.get(i)).matches()) {
                throw invalid("Thumbprint " + unique.get(i) + " is not 40 hexadecimal characters.");
            }
        }
        if (unique.size() > MAX_THUMBPRINTS) {
            throw invalid("Thumbprint list must contain at most " + MAX_THUMBPRINTS + " entries.");
        }
        return unique;
    }

    static String arn(String arn) {
        Rules.required("openIDConnectProviderArn", arn);
        Rules.length("openIDConnectProviderArn", arn, 20, 2048);
        if (!Arn.isValid(arn)) {
            throw invalid("ARN " + arn + " is not valid.");
        }
        return arn;
    }

    private static IamException invalid(String message) {
        return new IamException(ErrorCode.INVALID_INPUT, message);
    }
}
