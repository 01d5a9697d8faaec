package dev.wxpay.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The one Jackson configuration of the product, shared by the client, notifications and generated models.
 *
 * <ul>
 *   <li>unknown properties are ignored (WeChat Pay adds fields without notice);</li>
 *   <li>null fields are left out of requests (no {@code null}s on the wire);</li>
 *   <li>{@code java.time} types are written as ISO-8601 text and read keeping the offset as sent
 *       ({@code +08:00} stays {@code +08:00}; Jackson shifts to UTC by default);</li>
 *   <li>an empty string in a date-time field reads as null (WeChat Pay sends {@code ""} when a time is unknown);</li>
 *   <li>integers are written as JSON integers, {@code BigDecimal}s in plain notation.</li>
 * </ul>
 *
 * <p>Stateless; each call returns a new, independently configurable mapper. A mapper is expensive to create and
 * thread-safe once configured: create one and share it.
 */
public final class WechatPayJson {
    private WechatPayJson() {
    }

    /** Returns a new mapper with the configuration described on this class. */
    public static ObjectMapper newObjectMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.USE_DEFAULTS))
                .build();
        // "" means "not known yet" in WeChat Pay payloads; only date-time types get this leniency.
        for (Class<?> type : new Class<?>[] {OffsetDateTime.class, ZonedDateTime.class, LocalDateTime.class,
                LocalDate.class, Instant.class}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
        }
        return mapper;
    }
}
