package dev.openiam.sts.audit;

import dev.openiam.glue.outbox.RelayConfig;
import io.smallrye.config.ConfigMapping;

/** How sts-service's outboxes are relayed ({@code iam.sts.outbox.*}). */
@ConfigMapping(prefix = "iam.sts.outbox")
public interface StsOutboxConfig extends RelayConfig {
}
