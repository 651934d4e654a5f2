package dev.openiam.awsprotocol.query;

import dev.openiam.model.ErrorCode;
import dev.openiam.model.Tag;

import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes AWS Query protocol responses and error documents (UTF-8 XML), e.g.
 * <pre>{@code
 * QueryXml.response("CreateUser", QueryXml.IAM_NAMESPACE, requestId, result -> result
 *         .element("User", u -> u.text("Path", "/").text("UserName", "alice").date("CreateDate", now)));
 * }</pre>
 * gives {@code <CreateUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateUserResult>
 * <User>…</User></CreateUserResult><ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
 * </CreateUserResponse>}. Null values are skipped, so optional elements need no {@code if}.
 */
public final class QueryXml {

    /** The namespace of IAM responses and errors ({@code Version=2010-05-08}). */
    public static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    /** The namespace of STS responses and errors ({@code Version=2011-06-15}). */
    public static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    /** The content type to send with these documents. */
    public static final String CONTENT_TYPE = "text/xml";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_INSTANT;

    private QueryXml() {
    }

    /** {@code <ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…}. */
    public static String response(String action, String namespace, String requestId, Consumer<Element> result) {
        Objects.requireNonNull(result, "result");
        return document(action + "Response", namespace, root -> {
            root.element(action + "Result", result);
            root.element("ResponseMetadata", m -> m.text("RequestId", requestId));
        });
    }

    /**
     * {@code <ActionResponse><ResponseMetadata>…}, for actions whose botocore model has no output
     * shape (e.g. DeleteUser, TagUser): they have no {@code <ActionResult>} element at all.
     */
    public static String response(String action, String namespace, String requestId) {
        return document(action + "Response", namespace,
                root -> root.element("ResponseMetadata", m -> m.text("RequestId", requestId)));
    }

    /** An IAM error document; send it with {@code code.httpStatus()}. */
    public static String error(ErrorCode code, String message, String requestId) {
        return error(IAM_NAMESPACE, code, message, requestId);
    }

    /**
     * {@code <ErrorResponse xmlns="…"><Error><Type>Sender|Receiver</Type><Code>…</Code>
     * <Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>}, as IAM and STS send
     * it; send it with {@code code.httpStatus()}.
     */
    public static String error(String namespace, ErrorCode code, String message, String requestId) {
        return document("ErrorResponse", namespace, root -> root
                .element("Error", e -> e.text("Type", code.faultType()).text("Code", code.awsCode())
                        .text("Message", message))
                .text("RequestId", requestId));
    }

    private static String document(String rootName, String namespace, Consumer<Element> content) {
        StringWriter out = new StringWriter(512);
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.setDefaultNamespace(namespace);
            xml.writeStartElement(namespace, rootName);
            xml.writeDefaultNamespace(namespace);
            content.accept(new Writer(xml, namespace));
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return out.toString();
    }

    /** The ISO 8601 form AWS writes, in UTC to the second: {@code 2026-11-24T05:00:00Z}. */
    public static String formatDate(Instant instant) {
        return DATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
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

        /** A nested element, written even when {@code content} adds nothing. */
        Element element(String name, Consumer<Element> content);

        /** {@code <name><member>…</member>…</name>}, one member per item; nothing if null, {@code <name/>} if empty. */
        <T> Element list(String name, Collection<T> items, BiConsumer<Element, T> member);

        /** {@code <name><member>text</member>…</name>}; nothing if null. */
        Element stringList(String name, Collection<String> items);

        /** {@code <name><member><Key>…</Key><Value>…</Value></member>…</name>}; nothing if null. */
        Element tags(String name, Collection<Tag> tags);

        /**
         * The tail of a paginated list result: {@code <IsTruncated>} and, when truncated,
         * {@code <Marker>} with the value to send back as {@code Marker}.
         */
        Element page(boolean isTruncated, String marker);
    }

    private static final class Writer implements Element {
        private final XMLStreamWriter xml;
        private final String namespace;

        Writer(XMLStreamWriter xml, String namespace) {
            this.xml = xml;
            this.namespace = namespace;
        }

        @Override
        public Element text(String name, String value) {
            if (value != null) {
                try {
                    xml.writeStartElement(namespace, name);
                    writeText(xmlSafe(value));
                    xml.writeEndElement();
                } catch (XMLStreamException e) {
                    throw new IllegalStateException("cannot write XML", e);
                }
            }
            return this;
        }

        /** Escapes as the writer does, and a carriage return as {@code &#13;}, which parsers would otherwise turn into a line feed. */
        private void writeText(String value) throws XMLStreamException {
            int start = 0;
            for (int cr = value.indexOf('\r'); cr >= 0; cr = value.indexOf('\r', start)) {
                xml.writeCharacters(value.substring(start, cr));
                xml.writeEntityRef("#13");
                start = cr + 1;
            }
            xml.writeCharacters(value.substring(start));
        }

        @Override
        public Element urlEncodedText(String name, String value) {
            // IAM percent-encodes policy documents (RFC 3986 style: a space is %20, not +)
            return text(name, value == null ? null
                    : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")
                            .replace("*", "%2A").replace("%7E", "~"));
        }

        @Override
        public Element bool(String name, Boolean value) {
            return text(name, value == null ? null : value.toString());
        }

        @Override
        public Element integer(String name, Long value) {
            return text(name, value == null ? null : value.toString());
        }

        @Override
        public Element date(String name, Instant value) {
            return text(name, value == null ? null : formatDate(value));
        }

        @Override
        public Element element(String name, Consumer<Element> content) {
            try {
                xml.writeStartElement(namespace, name);
                content.accept(this);
                xml.writeEndElement();
            } catch (XMLStreamException e) {
                throw new IllegalStateException("cannot write XML", e);
            }
            return this;
        }

        @Override
        public <T> Element list(String name, Collection<T> items, BiConsumer<Element, T> member) {
            if (items == null) {
                return this;
            }
            return element(name, list -> {
                for (T item : items) {
                    list.element("member", m -> member.accept(m, item));
                }
            });
        }

        @Override
        public Element stringList(String name, Collection<String> items) {
            if (items == null) {
                return this;
            }
            return element(name, list -> {
                for (String item : items) {
                    list.text("member", item == null ? "" : item);
                }
            });
        }

        @Override
        public Element tags(String name, Collection<Tag> tags) {
            return list(name, tags, (m, tag) -> m.text("Key", tag.key()).text("Value", tag.value()));
        }

        @Override
        public Element page(boolean isTruncated, String marker) {
            bool("IsTruncated", isTruncated);
            return isTruncated ? text("Marker", marker) : this;
        }
    }

    /** Characters XML 1.0 cannot carry at all become U+FFFD; the writer escapes the rest. */
    static String xmlSafe(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(value.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!ok && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? value : out.toString();
    }
}
