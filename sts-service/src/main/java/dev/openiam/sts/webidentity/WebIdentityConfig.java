package dev.openiam.sts.webidentity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** How sts-service gets and trusts the keys of OpenID Connect issuers ({@code iam.web-identity.*}). */
@ConfigMapping(prefix = "iam.web-identity")
public interface WebIdentityConfig {

    /**
     * Issuers whose keys are configured here instead of fetched, for clusters that cannot reach their issuer or are
     * offline: the issuer exactly as the tokens' {@code iss} says it, mapped to a JWKS file, e.g.
     * {@code iam.web-identity.jwks-files."https://kubernetes.default.svc"=/etc/iam/cluster-jwks.json}. Read at start.
     */
    Map<String, Path> jwksFiles();

    /** How long fetched keys are used before they are fetched again. */
    @WithDefault("PT1H")
    Duration jwksTtl();

    /** A token naming a key the cached set lacks refetches the set, at most this often per issuer. */
    @WithDefault("PT1M")
    Duration jwksRefetchInterval();

    /** How long a discovery document or a JWKS may take to arrive. */
    @WithDefault("PT5S")
    Duration fetchTimeout();

    /** The most issuers whose keys are kept at once; the least used are dropped (and fetched again when needed). */
    @WithDefault("1000")
    int maxIssuers();

    /** How far {@code exp}, {@code nbf} and {@code iat} may be off the clock. */
    @WithDefault("PT1M")
    Duration clockSkew();
}
