package dev.openiam.identity.oidcprovider.domain;

import dev.openiam.identity.oidcprovider.persistence.OidcProviderEntity;
import dev.openiam.identity.oidcprovider.persistence.OidcProviderRepository;
import dev.openiam.identity.outbox.AccountWrites;
import dev.openiam.identity.outbox.Change;
import dev.openiam.identity.outbox.Committed;
import dev.openiam.identity.tag.TagStore;
import dev.openiam.identity.tag.Tagging;
import dev.openiam.model.AccountId;
import dev.openiam.model.Arn;
import dev.openiam.model.IamException;
import dev.openiam.model.Tag;
import dev.openiam.model.event.IdentityEvent;
import dev.openiam.model.rules.Rules;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * OpenID Connect providers of an account, trusted by roles for AssumeRoleWithWebIdentity: one per URL, with up to
 * 100 client ids (audiences), up to five certificate thumbprints (or none) and tags. Every change is published
 * with the provider's resulting state, for sts-service's projection.
 */
@ApplicationScoped
public class OidcProviderService {

    private final AccountWrites writes;
    private final OidcProviderRepository providers;
    private final TagStore tags;
    private final Tagging tagging;

    public OidcProviderService(AccountWrites writes, OidcProviderRepository providers, TagStore tags, Tagging tagging) {
        this.writes = writes;
        this.providers = providers;
        this.tags = tags;
        this.tagging = tagging;
    }

    public Uni<Committed<OidcProvider>> create(String accountId, String actor, String url, List<String> clientIds,
                                               List<String> thumbprints, List<Tag> tagList) {
        String stored = OidcProviderRules.url(url);
        List<String> audiences = OidcProviderRules.clientIds(clientIds);
        List<String> prints = OidcProviderRules.thumbprints(thumbprints);
        List<Tag> validTags = Rules.tags(tagList);
        String arn = Arn.iam(AccountId.of(accountId), "oidc-provider/" + stored).toString();
        return writes.write(accountId, actor, change -> providers.findByUrl(accountId, stored).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(IamException.alreadyExists("Provider with url " + url + " already exists."));
            }
            OidcProviderEntity provider = new OidcProviderEntity();
            provider.arn = arn;
            provider.accountId = accountId;
            provider.url = stored;
            provider.clientIdList(audiences);
            provider.thumbprintList(prints);
            provider.createdAt = change.now();
            return providers.persist(provider)
                    .chain(() -> tags.tag(accountId, arn, validTags))
                    .call(() -> change.emit(new IdentityEvent.OpenIdConnectProviderCreated(arn, stored, audiences, prints,
                            provider.createdAt, validTags)))
                    .map(saved -> view(provider, validTags));
        }));
    }

    @WithSession
    public Uni<OidcProvider> get(String accountId, String arn) {
        OidcProviderRules.arn(arn);
        return require(accountId, arn).chain(provider -> tags.tagsOf(provider.arn).map(tagList -> view(provider, tagList)));
    }

    @WithSession
    public Uni<List<String>> list(String accountId) {
        return providers.inAccount(accountId).map(rows -> rows.stream().map(row -> row.arn).toList());
    }

    /** The account's provider for {@code url} as stored (host and path); NoSuchEntity when there is none. */
    @WithSession
    public Uni<OidcProvider> byUrl(String accountId, String url) {
        return providers.findByUrl(accountId, url).onItem().ifNull()
                .failWith(() -> IamException.noSuchEntity("No OpenIDConnect provider found in your account for https://" + url))
                .chain(provider -> tags.tagsOf(provider.arn).map(tagList -> view(provider, tagList)));
    }

    public Uni<Committed<Void>> delete(String accountId, String actor, String arn) {
        OidcProviderRules.arn(arn);
        return writes.write(accountId, actor, change -> require(accountId, arn).chain(provider ->
                tags.deleteAll(provider.arn).chain(() -> providers.delete(provider))
                        .chain(() -> change.emit(new IdentityEvent.OpenIdConnectProviderDeleted(provider.arn, provider.url)))));
    }

    /** AddClientIDToOpenIDConnectProvider: a client id already there is no change. */
    public Uni<Committed<Void>> addClientId(String accountId, String actor, String arn, String clientId) {
        OidcProviderRules.arn(arn);
        OidcProviderRules.clientId("clientID", clientId);
        return update(accountId, actor, arn, provider -> {
            List<String> ids = new ArrayList<>(provider.clientIdList());
            if (!ids.contains(clientId)) {
                ids.add(clientId);
                provider.clientIdList(OidcProviderRules.clientIds(ids));
            }
        });
    }

    /** RemoveClientIDFromOpenIDConnectProvider: removing a client id that is not there is no error, as in AWS. */
    public Uni<Committed<Void>> removeClientId(String accountId, String actor, String arn, String clientId) {
        OidcProviderRules.arn(arn);
        OidcProviderRules.clientId("clientID", clientId);
        return update(accountId, actor, arn, provider -> provider.clientIdList(
                provider.clientIdList().stream().filter(id -> !id.equals(clientId)).toList()));
    }

    /** UpdateOpenIDConnectProviderThumbprint: replaces the whole list. */
    public Uni<Committed<Void>> updateThumbprints(String accountId, String actor, String arn, List<String> thumbprints) {
        OidcProviderRules.arn(arn);
        List<String> prints = OidcProviderRules.thumbprints(thumbprints);
        return update(accountId, actor, arn, provider -> provider.thumbprintList(prints));
    }

    public Uni<Committed<List<Tag>>> tag(String accountId, String actor, String arn, List<Tag> tagList) {
        OidcProviderRules.arn(arn);
        return tagging.tag(accountId, actor, () -> target(accountId, arn), tagList);
    }

    public Uni<Committed<List<Tag>>> untag(String accountId, String actor, String arn, List<String> tagKeys) {
        OidcProviderRules.arn(arn);
        return tagging.untag(accountId, actor, () -> target(accountId, arn), tagKeys);
    }

    @WithSession
    public Uni<List<Tag>> listTags(String accountId, String arn) {
        OidcProviderRules.arn(arn);
        return require(accountId, arn).chain(provider -> tags.tagsOf(provider.arn));
    }

    private Uni<Committed<Void>> update(String accountId, String actor, String arn, Consumer<OidcProviderEntity> changeIt) {
        return writes.write(accountId, actor, change -> require(accountId, arn).chain(provider -> {
            changeIt.accept(provider);
            return emitUpdated(change, provider);
        }));
    }

    private static Uni<Void> emitUpdated(Change change, OidcProviderEntity provider) {
        return change.emit(new IdentityEvent.OpenIdConnectProviderUpdated(provider.arn, provider.url, provider.clientIdList(),
                provider.thumbprintList()));
    }

    private Uni<Tagging.Target> target(String accountId, String arn) {
        return require(accountId, arn).map(provider -> new Tagging.Target(provider.arn,
                result -> new IdentityEvent.OpenIdConnectProviderTagsChanged(provider.arn, result)));
    }

    private Uni<OidcProviderEntity> require(String accountId, String arn) {
        return providers.findByArn(accountId, arn).onItem().ifNull()
                .failWith(() -> IamException.noSuchEntity("OpenIDConnect Provider not found for arn " + arn));
    }

    private static OidcProvider view(OidcProviderEntity provider, List<Tag> tagList) {
        return new OidcProvider(provider.arn, provider.url, provider.clientIdList(), provider.thumbprintList(), provider.createdAt,
                tagList);
    }
}
