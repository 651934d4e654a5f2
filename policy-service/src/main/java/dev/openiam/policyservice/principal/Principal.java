package dev.openiam.policyservice.principal;

/**
 * A user, group or role: {@code type} is {@code user}, {@code group} or {@code role}; {@code id} its
 * unique id ({@code AIDA…}, {@code AGPA…}, {@code AROA…}).
 */
public record Principal(String type, String id, String name, String path, String arn) {
}
