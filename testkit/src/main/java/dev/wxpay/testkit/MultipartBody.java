package dev.wxpay.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code multipart/form-data} request body as WeChat Pay's media uploads send it: a {@code meta} part holding JSON
 * (the only bytes the request signature covers), a file part and optional plain fields. Parsed from the exact bytes
 * received, so the signature is checked over the meta bytes as sent. Immutable (the parts are never changed after
 * parsing) and thread-safe.
 */
final class MultipartBody {

    /** One part: its {@code name}, the {@code filename} (null for a plain field) and the raw content. */
    record Part(String name, String fileName, String contentType, byte[] content) {
    }

    private final List<Part> parts;

    private MultipartBody(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** True when {@code contentType} is {@code multipart/form-data} (with any parameters). */
    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /**
     * Parses {@code body} with the boundary of {@code contentType}.
     *
     * @throws IllegalArgumentException naming what is malformed (no boundary, a missing delimiter, a part without
     *                                  {@code Content-Disposition} name)
     */
    static MultipartBody parse(byte[] body, String contentType) {
        String boundary = boundaryOf(contentType);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at != 0) {
            throw new IllegalArgumentException("multipart body does not start with its boundary");
        }
        List<Part> parts = new ArrayList<>();
        int pos = delimiter.length;
        while (true) {
            if (startsWith(body, pos, "--")) {
                return new MultipartBody(parts);
            }
            if (!startsWith(body, pos, "\r\n")) {
                throw new IllegalArgumentException("multipart boundary is not followed by CRLF");
            }
            int headStart = pos + 2;
            int headEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headStart);
            if (headEnd < 0) {
                throw new IllegalArgumentException("multipart part " + (parts.size() + 1) + " has no header end");
            }
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int contentEnd = indexOf(body, next, headEnd + 4);
            if (contentEnd < 0) {
                throw new IllegalArgumentException("multipart part " + (parts.size() + 1) + " is not closed");
            }
            String head = new String(body, headStart, headEnd - headStart, StandardCharsets.UTF_8);
            byte[] content = java.util.Arrays.copyOfRange(body, headEnd + 4, contentEnd);
            parts.add(part(head, content, parts.size() + 1));
            pos = contentEnd + next.length;
        }
    }

    /** The parts in the order sent. */
    List<Part> parts() {
        return parts;
    }

    /** The first part named {@code name}, or null. */
    Part part(String name) {
        for (Part p : parts) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static Part part(String head, byte[] content, int number) {
        String name = null;
        String fileName = null;
        String type = null;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                name = parameter(value, "name");
                fileName = parameter(value, "filename");
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("multipart part " + number + " has no Content-Disposition name");
        }
        return new Part(name, fileName, type, content);
    }

    /** The quoted parameter {@code key="…"} of a header value, or null. */
    private static String parameter(String value, String key) {
        for (String piece : value.split(";")) {
            String p = piece.trim();
            if (p.startsWith(key + "=")) {
                String v = p.substring(key.length() + 1);
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    private static String boundaryOf(String contentType) {
        String boundary = contentType == null ? null : parameter(contentType.substring(contentType.indexOf(';') + 1),
                "boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new IllegalArgumentException("multipart Content-Type has no boundary");
        }
        return boundary;
    }

    private static boolean startsWith(byte[] body, int pos, String ascii) {
        if (pos + ascii.length() > body.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (body[pos + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
