package dev.openiam.sts.query;

import java.util.List;

/** The STS actions of one feature; every CDI bean of this type joins the front door. */
public interface StsActionGroup {

    List<StsAction> actions();
}
