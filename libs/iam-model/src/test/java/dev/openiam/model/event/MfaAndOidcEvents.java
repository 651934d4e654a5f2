package dev.openiam.model.event;

import dev.openiam.model.Tag;

import java.time.Instant;
import java.util.List;

/** One of each MFA-device and OIDC-provider event, for the round-trip test. */
final class MfaAndOidcEvents {

    private static final Instant NOW = Instant.parse("2026-11-24T05:00:00Z");
    private static final String SERIAL = "arn:aws:iam::123456789012:mfa/phone";
    private static final String OIDC = "arn:aws:iam::123456789012:oidc-provider/idp.example.com";

    private MfaAndOidcEvents() {
    }

    static List<IdentityEvent> oneOfEach() {
        List<Tag> tags = List.of(new Tag("team", "core"));
        return List.of(
                new IdentityEvent.VirtualMfaDeviceCreated(SERIAL, "/", "phone", NOW, tags),
                new IdentityEvent.MfaDeviceEnabled(SERIAL, "AIDAAAAAAAAAAAAAAAAA", "alice", false, NOW),
                new IdentityEvent.MfaDeviceDeactivated(SERIAL, null, null, true),
                new IdentityEvent.VirtualMfaDeviceDeleted(SERIAL),
                new IdentityEvent.MfaDeviceTagsChanged(SERIAL, List.of()),
                new IdentityEvent.OpenIdConnectProviderCreated(OIDC, "idp.example.com", List.of("app"), List.of(), NOW, tags),
                new IdentityEvent.OpenIdConnectProviderUpdated(OIDC, "idp.example.com", List.of("app", "cli"),
                        List.of("0123456789abcdef0123456789abcdef01234567")),
                new IdentityEvent.OpenIdConnectProviderDeleted(OIDC, "idp.example.com"),
                new IdentityEvent.OpenIdConnectProviderTagsChanged(OIDC, tags));
    }
}
