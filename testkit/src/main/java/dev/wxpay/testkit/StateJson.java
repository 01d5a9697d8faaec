package dev.wxpay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Small JSON and time helpers the products' state classes share. Stateless. */
final class StateJson {

    /** WeChat Pay writes its times in China time. */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private StateJson() {
    }

    /** RFC 3339 in China time with whole seconds, as WeChat Pay writes its times: 2030-01-02T11:04:00+08:00. */
    static String format(Instant instant) {
        return OffsetDateTime.ofInstant(instant, CHINA).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The field as text, null when absent or JSON null. */
    static String text(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Copies the field when present and not null. */
    static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(field, v);
        }
    }
}
