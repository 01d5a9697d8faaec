package dev.wxpay.codegen;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides whether an operation is a file download, by one rule: its success answer (the lowest {@code 2xx}) has
 * content, and every media type of it is a non-JSON type whose schema is {@code type: string, format: binary}
 * (the bundled spec marks the bill, electronic-receipt and image downloads this way). WeChat Pay answers such an
 * operation with the file's bytes and no signature, so the generated method streams it through the runtime's
 * download instead of mapping a verified JSON answer. Stateless.
 */
final class FileAnswers {
    private FileAnswers() {
    }

    /** True when {@code operation} (null allowed: not a download) answers a file. */
    static boolean isDownload(Operation operation) {
        if (operation == null || operation.getResponses() == null) {
            return false;
        }
        // The lowest 2xx code, in text order, is the answer the generated method returns.
        Map<String, ApiResponse> success = new TreeMap<>();
        operation.getResponses().forEach((code, response) -> {
            if (code.startsWith("2")) {
                success.put(code, response);
            }
        });
        if (success.isEmpty()) {
            return false;
        }
        ApiResponse answer = success.values().iterator().next();
        Content content = answer == null ? null : answer.getContent();
        if (content == null || content.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, MediaType> media : content.entrySet()) {
            if (media.getKey().toLowerCase(Locale.ROOT).contains("json") || !isBinary(media.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBinary(MediaType media) {
        Schema<?> schema = media == null ? null : media.getSchema();
        return schema != null && "string".equals(schema.getType()) && "binary".equals(schema.getFormat());
    }
}
