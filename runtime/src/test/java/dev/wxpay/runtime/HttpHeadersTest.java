package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Answer headers from the JDK client")
class HttpHeadersTest {

    @Test
    @DisplayName("are read case-insensitively and cannot be changed, whether kept as the JDK made them or copied")
    void jdkHeadersStayCaseInsensitiveAndUnmodifiable() {
        java.net.http.HttpHeaders jdk = java.net.http.HttpHeaders.of(Map.of(
                "Wechatpay-Timestamp", List.of("1795000000"), "request-id", List.of("08F7", "08F8")),
                (name, value) -> true);

        Map<String, List<String>> headers = HttpHeaders.ofJdk(jdk);

        assertThat(HttpHeaders.first(headers, "wechatpay-timestamp")).isEqualTo("1795000000");
        assertThat(headers.get("WECHATPAY-TIMESTAMP")).containsExactly("1795000000");
        assertThat(headers.get("Request-ID")).containsExactly("08F7", "08F8");
        assertThatThrownBy(() -> headers.put("Wechatpay-Serial", List.of("forged")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.get("Request-ID").add("forged"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
