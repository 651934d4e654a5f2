package dev.openiam.identity.mfa.query;

import dev.openiam.awsprotocol.query.QueryRequest;
import dev.openiam.awsprotocol.query.QueryXml.Element;
import dev.openiam.identity.auth.Caller;
import dev.openiam.identity.mfa.domain.MfaAssignmentService;
import dev.openiam.identity.mfa.domain.MfaDevice;
import dev.openiam.identity.mfa.domain.MfaDeviceService;
import dev.openiam.identity.mfa.domain.MfaOwner;
import dev.openiam.identity.mfa.domain.VirtualMfaDevice;
import dev.openiam.identity.query.IamAction;
import dev.openiam.identity.query.IamAction.Result;
import dev.openiam.identity.query.IamActionGroup;
import dev.openiam.model.rules.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The virtual MFA actions. Without {@code UserName}, EnableMFADevice, ResyncMFADevice, DeactivateMFADevice,
 * ListMFADevices and GetMFADevice act on the caller itself (the root user, for root), as AWS does for root.
 */
@ApplicationScoped
public class MfaActions implements IamActionGroup {

    private final MfaDeviceService devices;
    private final MfaAssignmentService assignments;

    public MfaActions(MfaDeviceService devices, MfaAssignmentService assignments) {
        this.devices = devices;
        this.assignments = assignments;
    }

    @Override
    public List<IamAction> actions() {
        return List.of(
                new IamAction("CreateVirtualMFADevice", this::create),
                new IamAction("DeleteVirtualMFADevice", this::delete),
                new IamAction("ListVirtualMFADevices", this::listVirtual),
                new IamAction("EnableMFADevice", this::enable),
                new IamAction("ResyncMFADevice", this::resync),
                new IamAction("DeactivateMFADevice", this::deactivate),
                new IamAction("ListMFADevices", this::list),
                new IamAction("GetMFADevice", this::get),
                new IamAction("TagMFADevice", this::tag),
                new IamAction("UntagMFADevice", this::untag),
                new IamAction("ListMFADeviceTags", this::listTags));
    }

    /** The seed and the QR code are blobs: base64 in XML (the seed's base32 text, base64-encoded, as botocore documents). */
    private Uni<Result> create(QueryRequest q, Caller caller) {
        return devices.create(caller.accountId(), caller.arn(), q.required("VirtualMFADeviceName"), q.string("Path"), q.tags("Tags"))
                .map(c -> Result.written(r -> r.element("VirtualMFADevice", d -> d
                        .text("SerialNumber", c.value().serialNumber())
                        .text("Base32StringSeed", base64(c.value().base32StringSeed().getBytes(StandardCharsets.US_ASCII)))
                        .text("QRCodePNG", base64(c.value().qrCodePng()))
                        .tags("Tags", c.value().tags().isEmpty() ? null : c.value().tags())), c.revision()));
    }

    private Uni<Result> delete(QueryRequest q, Caller caller) {
        return devices.delete(caller.accountId(), caller.arn(), q.required("SerialNumber")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> listVirtual(QueryRequest q, Caller caller) {
        PageRequest page = PageRequest.of(q.string("Marker"), q.integer("MaxItems"));
        return devices.list(caller.accountId(), q.string("AssignmentStatus")).map(all -> {
            var slice = page.slice(all, d -> d.serialNumber().toLowerCase(Locale.ROOT));
            return Result.of(r -> r.list("VirtualMFADevices", slice.items(), MfaActions::virtualDevice)
                    .page(slice.isTruncated(), slice.marker()));
        });
    }

    private Uni<Result> enable(QueryRequest q, Caller caller) {
        return assignments.enable(caller.accountId(), caller.arn(), caller.userOrSelf(q.string("UserName")), q.required("SerialNumber"),
                q.required("AuthenticationCode1"), q.required("AuthenticationCode2")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> resync(QueryRequest q, Caller caller) {
        return assignments.resync(caller.accountId(), caller.arn(), caller.userOrSelf(q.string("UserName")), q.required("SerialNumber"),
                q.required("AuthenticationCode1"), q.required("AuthenticationCode2")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> deactivate(QueryRequest q, Caller caller) {
        return assignments.deactivate(caller.accountId(), caller.arn(), caller.userOrSelf(q.string("UserName")), q.required("SerialNumber"))
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> list(QueryRequest q, Caller caller) {
        PageRequest page = PageRequest.of(q.string("Marker"), q.integer("MaxItems"));
        return assignments.list(caller.accountId(), caller.userOrSelf(q.string("UserName"))).map(all -> {
            var slice = page.slice(all, d -> d.serialNumber().toLowerCase(Locale.ROOT));
            return Result.of(r -> r.list("MFADevices", slice.items(), MfaActions::mfaDevice).page(slice.isTruncated(), slice.marker()));
        });
    }

    private Uni<Result> get(QueryRequest q, Caller caller) {
        return assignments.get(caller.accountId(), caller.userOrSelf(q.string("UserName")), q.required("SerialNumber"))
                .map(device -> Result.of(r -> mfaDevice(r, device)));
    }

    private Uni<Result> tag(QueryRequest q, Caller caller) {
        return devices.tag(caller.accountId(), caller.arn(), q.required("SerialNumber"), q.tags("Tags")).map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> untag(QueryRequest q, Caller caller) {
        List<String> keys = q.list("TagKeys");
        return devices.untag(caller.accountId(), caller.arn(), q.required("SerialNumber"), keys.isEmpty() ? null : keys)
                .map(c -> Result.empty(c.revision()));
    }

    private Uni<Result> listTags(QueryRequest q, Caller caller) {
        PageRequest page = PageRequest.of(q.string("Marker"), q.integer("MaxItems"));
        return devices.listTags(caller.accountId(), q.required("SerialNumber")).map(tags -> {
            var slice = page.slice(tags, tag -> tag.key().toLowerCase(Locale.ROOT));
            return Result.of(r -> r.tags("Tags", slice.items()).page(slice.isTruncated(), slice.marker()));
        });
    }

    private static void mfaDevice(Element e, MfaDevice device) {
        e.text("UserName", device.userName()).text("SerialNumber", device.serialNumber()).date("EnableDate", device.enableDate());
    }

    private static void virtualDevice(Element e, VirtualMfaDevice device) {
        e.text("SerialNumber", device.serialNumber());
        MfaOwner owner = device.owner();
        if (owner != null) {
            e.element("User", u -> u.text("Path", owner.path()).text("UserName", owner.userName()).text("UserId", owner.userId())
                    .text("Arn", owner.arn()).date("CreateDate", owner.createDate()));
        }
        e.date("EnableDate", device.enableDate());
        if (!device.tags().isEmpty()) {
            e.tags("Tags", device.tags());
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
