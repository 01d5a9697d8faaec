package dev.wxpay.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A media upload as an {@link ApiRequest} carries it: the {@code meta} object (sent as the JSON part named
 * {@code meta} and, alone, signed), one file part, and optional plain form fields. The client writes the
 * {@code multipart/form-data} body with a boundary from its own nonce source.
 *
 * <p>Immutable and thread-safe (the file bytes are copied in and never exposed).
 */
final class Multipart {
    private final Object meta;
    private final String filePartName;
    private final String fileName;
    private final String contentType;
    private final byte[] file;
    private final Map<String, String> fields;

    Multipart(Object meta, String filePartName, String fileName, String contentType, byte[] file,
            Map<String, String> fields) {
        this.meta = Objects.requireNonNull(meta, "meta");
        this.filePartName = requireText(filePartName, "filePartName");
        this.fileName = requireText(fileName, "fileName");
        this.contentType = requireText(contentType, "contentType");
        this.file = Objects.requireNonNull(file, "file").clone();
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " must be non-empty and on one line");
        }
        return value;
    }

    /** The meta object: a String or byte[] is already-serialised JSON, anything else goes through the mapper. */
    Object meta() {
        return meta;
    }

    int fileLength() {
        return file.length;
    }

    /**
     * The whole body: the {@code meta} part (application/json), the form fields in call order, then the file part.
     *
     * @param metaJson the serialised meta, exactly the bytes that are signed
     * @param boundary the boundary, from the client's nonce source ({@code [0-9A-Za-z]}, so never in a header)
     */
    byte[] write(byte[] metaJson, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(metaJson.length + file.length + 512);
        part(out, boundary, "name=\"meta\"", "application/json", metaJson);
        for (Map.Entry<String, String> field : fields.entrySet()) {
            part(out, boundary, "name=\"" + quoted(field.getKey()) + "\"", null,
                    field.getValue().getBytes(StandardCharsets.UTF_8));
        }
        part(out, boundary, "name=\"" + quoted(filePartName) + "\"; filename=\"" + quoted(fileName) + "\"",
                contentType, file);
        ascii(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String boundary, String disposition, String type,
            byte[] content) {
        ascii(out, "--" + boundary + "\r\n");
        byte[] head = ("Content-Disposition: form-data; " + disposition + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8);
        out.write(head, 0, head.length);
        out.write(content, 0, content.length);
        ascii(out, "\r\n");
    }

    /** Quotes a name for Content-Disposition the way browsers do (HTML form encoding): {@code "} becomes %22. */
    private static String quoted(String name) {
        return name.replace("\"", "%22");
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
    }
}
