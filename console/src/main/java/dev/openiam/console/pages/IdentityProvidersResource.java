package dev.openiam.console.pages;

import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import dev.openiam.console.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Identity providers (OpenID Connect): the list with each provider's URL and audiences, Add provider (URL, audience,
 * optional thumbprints — without them the service fetches the issuer's keys itself), a provider's page (add an
 * audience, delete). Web-identity roles trusting a provider are made in the Create-role wizard.
 */
@Path("/identity-providers")
public class IdentityProvidersResource {

    /** A provider as the list shows it. */
    public record Provider(String arn, String url, List<String> audiences, List<String> thumbprints, String created) {

        static Provider of(String arn, GetOpenIdConnectProviderResponse got) {
            return new Provider(arn, got.url(), got.clientIDList(), got.thumbprintList(),
                    got.createDate() == null ? "" : got.createDate().toString());
        }
    }

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template list;
    private final Template provider;

    public IdentityProvidersResource(ConsoleSessions sessions, AwsApi aws, @Location("identity-providers.html") Template list,
                                     @Location("identity-provider.html") Template provider) {
        this.sessions = sessions;
        this.aws = aws;
        this.list = list;
        this.provider = provider;
    }

    @GET
    public Response list(@CookieParam(ConsoleSessions.COOKIE) String id) {
        ConsoleSession session = sessions.require(id);
        List<Provider> providers = aws.iam(session, iam -> iam.listOpenIDConnectProviders().openIDConnectProviderList().stream()
                .map(p -> Provider.of(p.arn(), iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(p.arn()))))
                .toList());
        return Pages.page(list.data("providers", providers), session);
    }

    @POST
    public Response create(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @FormParam("url") String url, @FormParam("audience") String audience,
                           @FormParam("thumbprints") String thumbprints) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        CreateOpenIdConnectProviderRequest.Builder request = CreateOpenIdConnectProviderRequest.builder()
                .url(url == null ? null : url.strip()).clientIDList(lines(audience));
        List<String> prints = lines(thumbprints);
        if (!prints.isEmpty()) {
            request.thumbprintList(prints);
        }
        String arn = aws.iam(session, iam -> iam.createOpenIDConnectProvider(request.build()).openIDConnectProviderArn());
        return Pages.seeOther(page(arn));
    }

    @GET
    @Path("view")
    public Response provider(@CookieParam(ConsoleSessions.COOKIE) String id, @QueryParam("arn") String arn) {
        ConsoleSession session = sessions.require(id);
        Provider found = Provider.of(arn, aws.iam(session, iam -> iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn))));
        return Pages.page(provider.data("provider", found), session);
    }

    @POST
    @Path("audiences")
    public Response addAudience(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                                @FormParam("arn") String arn, @FormParam("audience") String audience) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        aws.iam(session, iam -> iam.addClientIDToOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)
                .clientID(audience == null ? null : audience.strip())));
        return Pages.seeOther(page(arn));
    }

    @POST
    @Path("delete")
    public Response delete(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf, @FormParam("arn") String arn) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        aws.iam(session, iam -> iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)));
        return Pages.seeOther("/identity-providers");
    }

    private static String page(String arn) {
        return "/identity-providers/view?arn=" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
    }

    /** One value per line (or comma), blanks dropped. */
    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
