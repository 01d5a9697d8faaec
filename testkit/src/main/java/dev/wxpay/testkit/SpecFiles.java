package dev.wxpay.testkit;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * File downloads as the spec describes them and as the simulator answers them. An operation answers a file when
 * every media type of its success answer is a non-JSON type with a {@code type: string, format: binary} schema (the
 * bundled spec's bill, electronic-receipt and image downloads). WeChat Pay answers a download with the file's bytes
 * and no signature; when no product serves the file from its state (a bill the payments state built), the simulator
 * answers a small file made from the request, so a client can check what arrived. Stateless.
 */
final class SpecFiles {
    private SpecFiles() {
    }

    /** The first media type of a file answer, or null when {@code content} is not a file answer. */
    static String fileType(Content content) {
        if (content == null || content.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, MediaType> media : content.entrySet()) {
            Schema<?> schema = media.getValue() == null ? null : media.getValue().getSchema();
            if (media.getKey().toLowerCase(Locale.ROOT).contains("json") || schema == null
                    || !"string".equals(schema.getType()) || !"binary".equals(schema.getFormat())) {
                return null;
            }
        }
        return content.keySet().iterator().next();
    }

    /**
     * The file the simulator answers for {@code op} when no product serves it: {@code wxpay-testkit file <METHOD>
     * <target>} and a line break, in UTF-8, as the answer's first media type.
     */
    static ProductDoor.RawAnswer answer(SpecOperation op, String method, String target) {
        byte[] body = fileContent(method, target);
        return new ProductDoor.RawAnswer(op.successStatus(), op.fileType(), body);
    }

    /** The bytes of {@link #answer}: what a test expects to arrive for a request line. */
    static byte[] fileContent(String method, String target) {
        return ("wxpay-testkit file " + method + " " + target + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
