"""boto3 and pyotp (Debian's), unchanged, against the local IAM: a virtual MFA device enabled with codes an
authenticator app would show, and an OIDC provider. Needs IAM_ENDPOINT and the AWS_* variables of local.env."""
import datetime

import pyotp

from local_iam import expect, iam, run


iam.create_user(UserName="mfa-" + run)
device = iam.create_virtual_mfa_device(VirtualMFADeviceName="phone-" + run)["VirtualMFADevice"]
serial = device["SerialNumber"]
assert serial.endswith(":mfa/phone-" + run), serial
assert device["QRCodePNG"].startswith(b"\x89PNG"), device["QRCodePNG"][:8]
totp = pyotp.TOTP(device["Base32StringSeed"].decode("ascii"))
now = totp.timecode(datetime.datetime.now())


def code(step):
    return totp.generate_otp(step)


expect("InvalidAuthenticationCode", iam.enable_mfa_device, UserName="mfa-" + run, SerialNumber=serial,
       AuthenticationCode1=code(now - 6), AuthenticationCode2=code(now - 5))
iam.enable_mfa_device(UserName="mfa-" + run, SerialNumber=serial, AuthenticationCode1=code(now - 1), AuthenticationCode2=code(now))
devices = iam.list_mfa_devices(UserName="mfa-" + run)["MFADevices"]
assert [d["SerialNumber"] for d in devices] == [serial], devices
assigned = iam.list_virtual_mfa_devices(AssignmentStatus="Assigned")["VirtualMFADevices"]
assert any(d["SerialNumber"] == serial and d["User"]["UserName"] == "mfa-" + run for d in assigned), assigned
assert all("Base32StringSeed" not in d for d in assigned), assigned
expect("DeleteConflict", iam.delete_user, UserName="mfa-" + run)
iam.deactivate_mfa_device(UserName="mfa-" + run, SerialNumber=serial)
iam.delete_virtual_mfa_device(SerialNumber=serial)
iam.delete_user(UserName="mfa-" + run)

# botocore 1.29 still requires ThumbprintList client-side
arn = iam.create_open_id_connect_provider(Url="https://%s.example.com" % run, ClientIDList=["app"],
                                          ThumbprintList=["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"])["OpenIDConnectProviderArn"]
provider = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
assert provider["Url"] == "%s.example.com" % run and provider["ClientIDList"] == ["app"], provider
expect("EntityAlreadyExists", iam.create_open_id_connect_provider, Url="https://%s.example.com" % run,
       ThumbprintList=["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"])
iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
print("boto3 mfa: ok")
