package dev.openiam.model.audit;

import dev.openiam.model.event.Event;

/**
 * What travels on {@code iam.audit.v1}: one {@link AuditRecord} per API call, inside the usual
 * {@link dev.openiam.model.event.EventEnvelope} so that every service's outbox can carry it in the transaction of
 * the change it records.
 */
public sealed interface AuditEvent extends Event permits AuditRecord {

    String TOPIC = "iam.audit.v1";
}
