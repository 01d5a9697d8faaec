package dev.wxpay.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small multipart/form-data reader for tests, written from RFC 7578 independently of the runtime's
 * writer: splits on the boundary, reads each part's headers and content bytes. Stateless.
 */
final class MultipartTestParser {
    private static final Pattern BOUNDARY = Pattern.compile("^multipart/form-data;\\s*boundary=([0-9A-Za-z'()+_,\\-./:=?]+)$");
    private static final Pattern PARAM = Pattern.compile(";\\s*(\\w+)=\"([^\"]*)\"");

    /** One part: its form name, its file name (or null), its Content-Type (or null) and content. */
    static final class Part {
        final String name;
        final String fileName;
        final String contentType;
        final byte[] content;

        Part(String name, String fileName, String contentType, byte[] content) {
            this.name = name;
            this.fileName = fileName;
            this.contentType = contentType;
            this.content = content;
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private MultipartTestParser() {
    }

    /** The boundary named in a Content-Type header; fails when the header is not multipart/form-data. */
    static String boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.matches()) {
            throw new IllegalArgumentException("not multipart/form-data with a boundary: " + contentType);
        }
        return m.group(1);
    }

    /** Parses the body into its parts, in order; fails on anything malformed. */
    static List<Part> parse(String contentType, byte[] body) {
        byte[] delimiter = ("--" + boundary(contentType)).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at != 0) {
            throw new IllegalArgumentException("body does not start with the boundary");
        }
        while (true) {
            int after = at + delimiter.length;
            if (body[after] == '-' && body[after + 1] == '-') {
                if (after + 4 != body.length || body[after + 2] != '\r' || body[after + 3] != '\n') {
                    throw new IllegalArgumentException("bytes after the closing boundary");
                }
                return parts;
            }
            expectCrlf(body, after);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), after + 2);
            String head = new String(body, after + 2, headersEnd - after - 2, StandardCharsets.UTF_8);
            int next = indexOf(body, ("\r\n" + new String(delimiter, StandardCharsets.US_ASCII))
                    .getBytes(StandardCharsets.US_ASCII), headersEnd + 4);
            if (next < 0) {
                throw new IllegalArgumentException("part without a following boundary");
            }
            parts.add(part(head, Arrays.copyOfRange(body, headersEnd + 4, next)));
            at = next + 2;
        }
    }

    private static Part part(String head, byte[] content) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
        }
        String disposition = headers.get("content-disposition");
        if (disposition == null || !disposition.startsWith("form-data")) {
            throw new IllegalArgumentException("part without form-data disposition: " + head);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(disposition);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        return new Part(params.get("name"), params.get("filename"), headers.get("content-type"), content);
    }

    private static void expectCrlf(byte[] body, int at) {
        if (body[at] != '\r' || body[at + 1] != '\n') {
            throw new IllegalArgumentException("boundary not followed by CRLF at " + at);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
