package dev.openiam.audit.stream.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Live subscriptions ({@code iam.audit.stream.*}). */
@ConfigMapping(prefix = "iam.audit.stream")
public interface StreamConfig {

    /**
     * How many records a subscriber may fall behind before its stream is ended (it resumes with Last-Event-ID from the
     * store); each subscriber holds at most this many in memory.
     */
    @WithDefault("1000")
    int buffer();

    /** How often the store is read for new records (a record reaches subscribers this much after its commit at most). */
    @WithDefault("PT0.1S")
    Duration pollInterval();

    /**
     * How long a stream may stay silent before a comment line ({@code : keep-alive}) is sent, so that proxies and
     * clients keep idle subscriptions open.
     */
    @WithDefault("PT15S")
    Duration keepAlive();
}
