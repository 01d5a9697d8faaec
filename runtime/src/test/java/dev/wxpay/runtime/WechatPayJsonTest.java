package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WechatPayJson")
class WechatPayJsonTest {
    private final ObjectMapper mapper = WechatPayJson.newObjectMapper();

    public static class Model {
        @JsonProperty("service_id")
        public String serviceId;
        @JsonProperty("sign_time")
        public OffsetDateTime signTime;
        @JsonProperty("total_origin_price")
        public Long totalOriginPrice;
        @JsonProperty("deduction_quantity")
        public Integer deductionQuantity;
        @JsonProperty("use_time")
        public String useTime;
        @JsonProperty("rate")
        public BigDecimal rate;
    }

    @Test
    @DisplayName("ignores unknown properties WeChat Pay adds")
    void ignoresUnknownProperties() throws Exception {
        Model m = mapper.readValue("{\"service_id\":\"5001\",\"new_field\":{\"x\":1}}", Model.class);
        assertThat(m.serviceId).isEqualTo("5001");
    }

    @Test
    @DisplayName("keeps the +08:00 offset as sent, on read and on write")
    void keepsOffsets() throws Exception {
        Model m = mapper.readValue("{\"sign_time\":\"2026-01-02T10:20:30+08:00\"}", Model.class);
        assertThat(m.signTime.getOffset().getId()).isEqualTo("+08:00");
        assertThat(m.signTime.getHour()).isEqualTo(10);
        assertThat(mapper.writeValueAsString(m)).isEqualTo("{\"sign_time\":\"2026-01-02T10:20:30+08:00\"}");
    }

    @Test
    @DisplayName("reads an empty string in a date-time field as null, and keeps it in a string field")
    void readsEmptyDateTimeAsNull() throws Exception {
        Model m = mapper.readValue("{\"sign_time\":\"\",\"use_time\":\"\"}", Model.class);
        assertThat(m.signTime).isNull();
        assertThat(m.useTime).isEmpty();
    }

    @Test
    @DisplayName("leaves unset fields out and writes integers as integers")
    void writesCompactJson() throws Exception {
        Model m = new Model();
        m.totalOriginPrice = 10000L;
        m.deductionQuantity = 3;
        m.rate = new BigDecimal("1E+2");
        assertThat(mapper.writeValueAsString(m))
                .isEqualTo("{\"total_origin_price\":10000,\"deduction_quantity\":3,\"rate\":100}");
    }

    @Test
    @DisplayName("returns an independent mapper on each call")
    void returnsNewMappers() {
        assertThat(WechatPayJson.newObjectMapper()).isNotSameAs(WechatPayJson.newObjectMapper());
    }
}
