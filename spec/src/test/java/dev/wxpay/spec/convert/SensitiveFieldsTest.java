package dev.wxpay.spec.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The sensitive-field rule")
class SensitiveFieldsTest {

    @Test
    @DisplayName("marks Base64 strings and strings described as encrypted, nothing else")
    void rule() {
        assertThat(SensitiveFields.isSensitive("base64", "联系人姓名")).isTrue();
        assertThat(SensitiveFields.isSensitive(null, "加密的手机号")).isTrue();
        assertThat(SensitiveFields.isSensitive(null, "加密后的证件号")).isTrue();
        assertThat(SensitiveFields.isSensitive(null, "用户姓名，需使用微信支付公钥加密")).isTrue();
        assertThat(SensitiveFields.isSensitive(null, "收款人姓名（敏感信息加密）")).isTrue();
        assertThat(SensitiveFields.isSensitive(null, "用户加密手机号")).isTrue();
        assertThat(SensitiveFields.isSensitive(null, "加密后的证书内容")).as("a certificate envelope").isFalse();
        assertThat(SensitiveFields.isSensitive(null, "加密算法类型")).isFalse();
        assertThat(SensitiveFields.isSensitive(null, "联系人姓名")).isFalse();
        assertThat(SensitiveFields.isSensitive("date-time", null)).isFalse();
    }

    @Test
    @DisplayName("walks schemas, not example values, and honours the x-is-sensitive list of the parent object")
    void walksSchemasOnly() throws IOException {
        JsonNode doc = SpecYaml.parse(String.join("\n",
                "schema:",
                "  type: object",
                "  x-is-sensitive: [mobile]",
                "  properties:",
                "    name: {type: string, format: base64}",
                "    mobile: {type: string}",
                "    count: {type: integer, format: base64}",
                "    type: {type: string, description: 加密的类型}",
                "  example: {name: {type: string, format: base64}}",
                ""));
        assertThat(SensitiveFields.mark(doc, "#")).containsExactly(
                "#/schema/properties/name", "#/schema/properties/mobile", "#/schema/properties/type");
        assertThat(doc.at("/schema/example/name").has(SensitiveFields.EXTENSION)).isFalse();
        assertThat(doc.at("/schema/properties/count").has(SensitiveFields.EXTENSION)).isFalse();
        assertThat(SensitiveFields.mark(doc, "#")).as("marking twice changes nothing").isEmpty();
    }
}
