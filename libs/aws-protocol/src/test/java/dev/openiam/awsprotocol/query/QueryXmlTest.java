package dev.openiam.awsprotocol.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.Tag;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class QueryXmlTest {

    private static final String RID = "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE";
    private static final Instant CREATED = Instant.parse("2026-11-24T05:00:00.123456Z");

    @Test
    void createUserHasTheShapeIamSends() {
        String xml = QueryXml.response("CreateUser", QueryXml.IAM_NAMESPACE, RID, result -> result
                .element("User", u -> u.text("Path", "/").text("UserName", "alice").text("UserId", "AIDAEXAMPLE")
                        .text("Arn", "arn:aws:iam::123456789012:user/alice").date("CreateDate", CREATED)
                        .text("PermissionsBoundary", null)));
        assertThat(xml).isEqualTo("<CreateUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<CreateUserResult><User><Path>/</Path><UserName>alice</UserName><UserId>AIDAEXAMPLE</UserId>"
                + "<Arn>arn:aws:iam::123456789012:user/alice</Arn><CreateDate>2026-11-24T05:00:00Z</CreateDate>"
                + "</User></CreateUserResult><ResponseMetadata><RequestId>" + RID + "</RequestId></ResponseMetadata>"
                + "</CreateUserResponse>");
        Document doc = parse(xml);
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(QueryXml.IAM_NAMESPACE);
        assertThat(doc.getElementsByTagNameNS(QueryXml.IAM_NAMESPACE, "UserName").item(0).getTextContent())
                .isEqualTo("alice");
    }

    @Test
    void actionsWithoutOutputHaveOnlyResponseMetadata() {
        assertThat(QueryXml.response("DeleteUser", QueryXml.IAM_NAMESPACE, RID))
                .isEqualTo("<DeleteUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                        + "<ResponseMetadata><RequestId>" + RID + "</RequestId></ResponseMetadata></DeleteUserResponse>");
    }

    @Test
    void listsTagsBooleansNumbersAndPaging() {
        String xml = QueryXml.response("ListUsers", QueryXml.IAM_NAMESPACE, RID, r -> r
                .list("Users", List.of("a", "b"), (m, name) -> m.text("UserName", name))
                .tags("Tags", List.of(new Tag("team", "core")))
                .stringList("Groups", List.of("g1"))
                .list("Empty", List.of(), (m, x) -> { })
                .list("Skipped", null, (m, x) -> { })
                .integer("Count", 3)
                .integer("Big", 5_000_000_000L)
                .integer("None", (Integer) null)
                .bool("Flag", false)
                .page(true, "next-page"));
        assertThat(xml).contains("<Users><member><UserName>a</UserName></member><member><UserName>b</UserName>"
                + "</member></Users><Tags><member><Key>team</Key><Value>core</Value></member></Tags>"
                + "<Groups><member>g1</member></Groups><Empty></Empty><Count>3</Count><Big>5000000000</Big>"
                + "<Flag>false</Flag><IsTruncated>true</IsTruncated><Marker>next-page</Marker></ListUsersResult>");
        assertThat(xml).doesNotContain("Skipped").doesNotContain("None");
        String last = QueryXml.response("ListUsers", QueryXml.IAM_NAMESPACE, RID, r -> r.page(false, "ignored"));
        assertThat(last).contains("<IsTruncated>false</IsTruncated></ListUsersResult>").doesNotContain("Marker");
    }

    @Test
    void valuesAreEscapedNotInterpreted() {
        String nasty = "<User>&amp; \"quoted\" 'single' ]]> \u00e9\u4e2d\ud83d\ude00 </CreateUserResult>";
        String xml = QueryXml.response("GetUser", QueryXml.IAM_NAMESPACE, RID, r -> r.text("Value", nasty)
                .text("Control", "a\u0000b\u001fc").text("Lines", "a\r\nb\rc\n"));
        assertThat(xml).doesNotContain("<User>").contains("&lt;User&gt;&amp;amp;");
        Document doc = parse(xml);
        assertThat(doc.getElementsByTagName("Value").item(0).getTextContent()).isEqualTo(nasty);
        assertThat(doc.getElementsByTagName("Control").item(0).getTextContent()).isEqualTo("a\ufffdb\ufffdc");
        assertThat(doc.getElementsByTagName("Lines").item(0).getTextContent()).isEqualTo("a\r\nb\rc\n");
        assertThat(QueryXml.xmlSafe("\ud83d")).isEqualTo("\ufffd");
    }

    @Test
    void policyDocumentsAreUrlEncodedAsIamSendsThem() {
        String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\","
                + " \"Resource\": \"*\"}]}\n";
        String xml = QueryXml.response("GetRolePolicy", QueryXml.IAM_NAMESPACE, RID,
                r -> r.urlEncodedText("PolicyDocument", policy).urlEncodedText("None", null));
        String encoded = parse(xml).getElementsByTagName("PolicyDocument").item(0).getTextContent();
        assertThat(encoded).startsWith("%7B%22Version%22%3A%20%222012-10-17%22").doesNotContain("+").doesNotContain(" ");
        // botocore decodes with urllib's unquote, the SDKs' users with URLDecoder: both must get it back
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(policy);
        assertThat(xml).doesNotContain("None");
    }

    @Test
    void datesAreUtcToTheSecond() {
        assertThat(QueryXml.formatDate(Instant.parse("2026-11-24T05:00:00Z"))).isEqualTo("2026-11-24T05:00:00Z");
        assertThat(QueryXml.formatDate(Instant.parse("2026-01-02T03:04:05.999Z"))).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void errorsHaveTheShapeIamSends() {
        String xml = QueryXml.error(ErrorCode.NO_SUCH_ENTITY, "The user with name bob cannot be found.", RID);
        assertThat(xml).isEqualTo("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
                + "<Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name bob cannot be found."
                + "</Message></Error><RequestId>" + RID + "</RequestId></ErrorResponse>");
        String sts = QueryXml.error(QueryXml.STS_NAMESPACE, ErrorCode.SERVICE_FAILURE, "x < y & z", RID);
        Element error = (Element) parse(sts).getElementsByTagName("Error").item(0);
        assertThat(error.getElementsByTagName("Type").item(0).getTextContent()).isEqualTo("Receiver");
        assertThat(error.getElementsByTagName("Code").item(0).getTextContent()).isEqualTo("ServiceFailure");
        assertThat(error.getElementsByTagName("Message").item(0).getTextContent()).isEqualTo("x < y & z");
        assertThat(sts).startsWith("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">");
    }

    @Test
    void rendersTheSameFromManyThreads() {
        List<String> rendered = java.util.stream.IntStream.range(0, 2000).parallel()
                .mapToObj(i -> QueryXml.response("GetUser", QueryXml.IAM_NAMESPACE, "r" + (i % 10),
                        r -> r.element("User", u -> u.text("UserName", "u" + (i % 10)).date("CreateDate", CREATED))))
                .toList();
        for (int i = 0; i < rendered.size(); i++) {
            assertThat(rendered.get(i)).isEqualTo(rendered.get(i % 10));
        }
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }
}
