package dev.openiam.policyservice.principal;

import io.smallrye.mutiny.Uni;

import java.util.Optional;

/**
 * The users, groups and roles of an account as policy-service knows them (identity-service owns them):
 * used to check that a principal exists before attaching to it, and to name the principals of
 * {@code ListEntitiesForPolicy}. Names are matched case-insensitively, as IAM does.
 */
public interface PrincipalDirectory {

    Uni<Optional<Principal>> findUser(String accountId, String userName);

    Uni<Optional<Principal>> findGroup(String accountId, String groupName);

    Uni<Optional<Principal>> findRole(String accountId, String roleName);
}
