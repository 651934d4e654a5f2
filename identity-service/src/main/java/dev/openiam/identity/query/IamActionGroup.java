package dev.openiam.identity.query;

import java.util.List;

/** The IAM actions of one feature; every CDI bean of this type joins the front door. */
public interface IamActionGroup {

    List<IamAction> actions();
}
