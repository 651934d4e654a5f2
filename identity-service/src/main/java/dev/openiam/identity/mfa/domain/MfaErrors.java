package dev.openiam.identity.mfa.domain;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.IamException;
import dev.openiam.model.rules.Rules;

/** AWS's messages and input rules for MFA devices (botocore's serialNumberType, authenticationCodeType). */
final class MfaErrors {

    static final int MAX_DEVICES_PER_USER = 8;

    private MfaErrors() {
    }

    static IamException noSuchDevice(String serialNumber) {
        return IamException.noSuchEntity("VirtualMFADevice with serial number " + serialNumber + " doesn't exist.");
    }

    static IamException notAssignedTo(String serialNumber, String userName) {
        return IamException.noSuchEntity("MFA Device with serial number " + serialNumber + " does not exist for user "
                + (userName == null ? "root" : userName) + ".");
    }

    static IamException invalidCode() {
        return new IamException(ErrorCode.INVALID_AUTHENTICATION_CODE, "Authentication code for device is not valid.");
    }

    static String serialNumber(String serialNumber) {
        return Rules.matching("serialNumber", serialNumber, 9, 256, "[\\w+=/:,.@-]+");
    }

    static String code(String field, String code) {
        return Rules.matching(field, code, 6, 6, "[\\d]+");
    }

    static void userName(String userName) {
        if (userName != null) {
            Rules.name("userName", userName, 128);
        }
    }
}
