package dev.openiam.policyservice.query;

import java.util.List;

/** The IAM actions of one feature; every CDI bean of this type joins the internal IAM endpoint. */
public interface IamActionGroup {

    List<IamAction> actions();
}
