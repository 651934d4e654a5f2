package dev.openiam.console.pages;

import dev.openiam.console.aws.AwsApi;
import dev.openiam.console.session.ConsoleSession;
import dev.openiam.console.session.ConsoleSessions;
import dev.openiam.console.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Assign MFA device (a user's Security credentials): CreateVirtualMFADevice shows the QR code and the secret once,
 * then EnableMFADevice with two consecutive codes from the app.
 */
@Path("/users/{name}/mfa")
public class MfaResource {

    private final ConsoleSessions sessions;
    private final AwsApi aws;
    private final Template assign;

    public MfaResource(ConsoleSessions sessions, AwsApi aws, @Location("mfa-assign.html") Template assign) {
        this.sessions = sessions;
        this.aws = aws;
        this.assign = assign;
    }

    @POST
    public Response create(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @PathParam("name") String user, @FormParam("deviceName") String deviceName) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        var device = aws.iam(session, iam -> iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(
                deviceName == null || deviceName.isBlank() ? user : deviceName.trim())).virtualMFADevice());
        return page(200, session, user, device.serialNumber(), "data:image/png;base64,"
                + Base64.getEncoder().encodeToString(device.qrCodePNG().asByteArray()), device.base32StringSeed().asUtf8String(), null);
    }

    private Response page(int status, ConsoleSession session, String user, String serial, String qr, String seed, String message) {
        return Pages.page(assign.data("user", user).data("serial", serial).data("qr", qr).data("seed", seed).data("message", message),
                session);
    }

    @POST
    @Path("enable")
    public Response enable(@CookieParam(ConsoleSessions.COOKIE) String id, @FormParam("csrf") String csrf,
                           @PathParam("name") String user, @FormParam("serial") String serial,
                           @FormParam("code1") String code1, @FormParam("code2") String code2) {
        ConsoleSession session = sessions.requireForm(id, csrf);
        try {
            aws.iam(session, iam -> iam.enableMFADevice(b -> b.userName(user).serialNumber(serial)
                    .authenticationCode1(code1).authenticationCode2(code2)));
        } catch (AwsServiceException e) {
            // the codes can be typed again; the QR code is not shown twice
            return page(e.statusCode(), session, user, serial, null, null,
                    e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
        }
        return Pages.seeOther("/users/" + URLEncoder.encode(user, StandardCharsets.UTF_8));
    }
}
