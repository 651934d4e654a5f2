package dev.openiam.bench.workload;

/** The workload's one principal: an IAM user with a {@code team} tag. */
public record Principal(String account, String userName, String team) {

    public String arn() {
        return "arn:aws:iam::" + account + ":user/" + userName;
    }

    /** The value of a policy variable the workload uses. */
    public String variable(String name) {
        return switch (name) {
            case "aws:username" -> userName;
            case "aws:PrincipalTag/team" -> team;
            default -> throw new IllegalArgumentException("no variable `" + name + "` in the workload");
        };
    }

    /** {@code text} with the workload's policy variables replaced by this principal's values. */
    public String substitute(String text) {
        return text.replace("${aws:username}", userName).replace("${aws:PrincipalTag/team}", team);
    }
}
