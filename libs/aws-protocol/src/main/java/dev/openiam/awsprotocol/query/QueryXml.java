package dev.openiam.awsprotocol.query;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.Tag;

import java.time.Instant;
import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writes AWS Query protocol responses and error documents as XML (UTF-8), e.g.
 * <pre>{@code
 * QueryXml.response("CreateUser", QueryXml.IAM_NAMESPACE, requestId, result -> result
 *         .element("User", u -> u.text("Path", "/").text("UserName", "alice").date("CreateDate", now)));
 * }</pre>
 * Null values are skipped, so optional elements need no {@code if}.
 */
public final class QueryXml {

    /** The namespace of IAM responses and errors ({@code Version=2010-05-08}). */
    public static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    /** The namespace of STS responses and errors ({@code Version=2011-06-15}). */
    public static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private QueryXml() {
    }

    /** {@code <ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…}. */
    public static String response(String action, String namespace, String requestId, Consumer<Element> result) {
        throw new UnsupportedOperationException("not yet");
    }

    /** {@code <ActionResponse><ResponseMetadata>…}, for actions without output (e.g. DeleteUser). */
    public static String response(String action, String namespace, String requestId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** An IAM error document. */
    public static String error(ErrorCode code, String message, String requestId) {
        return error(IAM_NAMESPACE, code, message, requestId);
    }

    /** An error document in {@code namespace}. */
    public static String error(String namespace, ErrorCode code, String message, String requestId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The element being written; every method returns {@code this} for chaining. */
    public interface Element {
        /** {@code <name>value</name>}; nothing if {@code value} is null. */
        Element text(String name, String value);

        /** {@code <name>url-encoded value</name>}, as IAM writes policy documents; nothing if null. */
        Element urlEncodedText(String name, String value);

        /** {@code true}/{@code false}; nothing if null. */
        Element bool(String name, Boolean value);

        /** A decimal integer; nothing if null. */
        Element integer(String name, Long value);

        /** A decimal integer; nothing if null. */
        default Element integer(String name, Integer value) {
            return integer(name, value == null ? null : value.longValue());
        }

        /** ISO 8601 in UTC to the second, e.g. {@code 2026-11-24T05:00:00Z}; nothing if null. */
        Element date(String name, Instant value);

        /** A nested element. */
        Element element(String name, Consumer<Element> content);

        /** {@code <name><member>…</member>…</name>}, one member per item; nothing if null. */
        <T> Element list(String name, Collection<T> items, BiConsumer<Element, T> member);

        /** {@code <name><member>text</member>…</name>}; nothing if null. */
        Element stringList(String name, Collection<String> items);

        /** {@code <name><member><Key>…</Key><Value>…</Value></member>…</name>}; nothing if null. */
        Element tags(String name, Collection<Tag> tags);

        /** {@code <IsTruncated>} and, when truncated, {@code <Marker>}. */
        Element page(boolean isTruncated, String marker);
    }
}
