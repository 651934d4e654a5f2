package dev.openiam.identity.oidcprovider.domain;

import dev.openiam.model.Tag;

import java.time.Instant;
import java.util.List;

/** An OpenID Connect provider as GetOpenIDConnectProvider shows it; {@code url} without {@code https://}, as AWS shows it. */
public record OidcProvider(String arn, String url, List<String> clientIds, List<String> thumbprints, Instant createDate,
                           List<Tag> tags) {
}
