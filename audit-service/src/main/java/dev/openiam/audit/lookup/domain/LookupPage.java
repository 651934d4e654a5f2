package dev.openiam.audit.lookup.domain;

import dev.openiam.model.audit.AuditRecord;

import java.util.List;

/**
 * One page of LookupEvents: each record with its CloudTrail JSON as stored, and the token of the next page, or
 * {@code null} on the last.
 */
public record LookupPage(List<Found> events, String nextToken) {

    /** A record as found, and its stored JSON (CloudTrail's {@code CloudTrailEvent}). */
    public record Found(AuditRecord record, String json) {
    }
}
