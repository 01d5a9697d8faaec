package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ApiRequest")
class ApiRequestTest {

    @Test
    @DisplayName("percent-encodes a path parameter as one segment, keeping only unreserved characters")
    void encodesPathParameterAsOneSegment() {
        ApiRequest request = ApiRequest.builder("get", "/v3/payscore/plan/partner/plans/merchant-plan-no/{merchant_plan_no}")
                .pathParam("merchant_plan_no", "plan 1/2?#%+&=~._-中")
                .build();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.pathAndQuery()).isEqualTo(
                "/v3/payscore/plan/partner/plans/merchant-plan-no/plan%201%2F2%3F%23%25%2B%26%3D~._-%E4%B8%AD");
    }

    @Test
    @DisplayName("emits query parameters in call order, encoded, leaving out nulls")
    void buildsQuery() {
        ApiRequest request = ApiRequest.builder("GET", "/v3/x/{a}/y/{b}")
                .queryParam("sub_mchid", "1900")
                .pathParam("b", "B")
                .queryParam("skipped", null)
                .queryParam("offset", 10)
                .queryParam("k e/y", "v&l=u e")
                .pathParam("a", "A")
                .build();
        assertThat(request.pathAndQuery()).isEqualTo("/v3/x/A/y/B?sub_mchid=1900&offset=10&k%20e%2Fy=v%26l%3Du%20e");
    }

    @Test
    @DisplayName("names every unfilled placeholder, including one given a null value")
    void namesUnfilledPlaceholders() {
        assertThatThrownBy(() -> ApiRequest.builder("GET", "/v3/{a}/{b}/{c}").operationId("op")
                .pathParam("b", "x").pathParam("c", null).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("op: path /v3/{a}/{b}/{c} has unfilled placeholders {a}, {c}");
    }

    @Test
    @DisplayName("refuses a parameter the template does not have")
    void refusesUnknownPlaceholder() {
        assertThatThrownBy(() -> ApiRequest.builder("GET", "/v3/{a}").pathParam("b", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no placeholder {b}");
    }

    @Test
    @DisplayName("keeps the operation id and body, and shows no body content in toString")
    void keepsBodyAndHidesIt() {
        Object body = java.util.Map.of("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        ApiRequest request = ApiRequest.builder("POST", "/v3/x").operationId("createX").body(body).build();
        assertThat(request.body()).isSameAs(body);
        assertThat(request.operationId()).isEqualTo("createX");
        assertThat(request.pathAndQuery()).isEqualTo("/v3/x");
        assertThat(request.toString()).contains("POST /v3/x").doesNotContain("oUpF8");
    }

    @Test
    @DisplayName("keeps operation header parameters in call order and leaves out null values")
    void keepsHeaderParameters() {
        ApiRequest request = ApiRequest.builder("POST", "/v3/x")
                .header("Idempotency-Key", "key-1")
                .header("X-Skipped", null)
                .header("Wechatpay-Extra", "2")
                .build();
        assertThat(request.headers()).containsExactly(
                org.assertj.core.api.Assertions.entry("Idempotency-Key", "key-1"),
                org.assertj.core.api.Assertions.entry("Wechatpay-Extra", "2"));
        assertThatThrownBy(() -> request.headers().put("A", "b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("refuses header parameters the runtime owns, naming the header, in any letter case")
    void refusesRuntimeHeaders() {
        for (String name : new String[] {"Authorization", "wechatpay-serial", "CONTENT-TYPE", "Accept", "User-Agent"}) {
            assertThatThrownBy(() -> ApiRequest.builder("GET", "/v3/x").header(name, "v"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("header " + name + " is set by the runtime");
        }
    }

    @Test
    @DisplayName("refuses a header value with a line break without echoing the value")
    void refusesHeaderInjection() {
        assertThatThrownBy(() -> ApiRequest.builder("GET", "/v3/x").header("Idempotency-Key", "a\r\nX-Evil: secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Idempotency-Key")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ApiRequest.builder("GET", "/v3/x").header("Bad Name", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Bad Name'");
    }

    @Test
    @DisplayName("build() messages start with the operation id and a colon when there is one, and with nothing otherwise")
    void buildMessagePrefix() {
        assertThatThrownBy(() -> ApiRequest.builder("POST", "/v3/x").formField("item_id", 1).build())
                .hasMessage("form fields [item_id] need a multipart upload (call multipart)");
        assertThatThrownBy(() -> ApiRequest.builder("POST", "/v3/x").operationId("up").formField("item_id", 1).build())
                .hasMessage("up: form fields [item_id] need a multipart upload (call multipart)");
        assertThatThrownBy(() -> ApiRequest.builder("POST", "/v3/x").body("{}")
                .multipart("{}", "a.png", "image/png", new byte[0]).build())
                .hasMessage("a request has either a JSON body or a multipart upload, not both");
        assertThatThrownBy(() -> ApiRequest.builder("GET", "/v3/{a}").build())
                .hasMessage("path /v3/{a} has unfilled placeholders {a}");
    }

    @Test
    @DisplayName("refuses a request with both a JSON body and a multipart upload, and form fields without an upload")
    void refusesBodyAndMultipart() {
        assertThatThrownBy(() -> ApiRequest.builder("POST", "/v3/x").operationId("up").body("{}")
                .multipart("{}", "a.png", "image/png", new byte[0]).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("up: a request has either a JSON body or a multipart upload, not both");
        assertThatThrownBy(() -> ApiRequest.builder("POST", "/v3/x").formField("item_id", 1).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("form fields [item_id] need a multipart upload");
        assertThatThrownBy(() -> ApiRequest.builder("POST", "/v3/x")
                .multipart("{}", "a\r\n.png", "image/png", new byte[0]).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fileName");
    }

    @Test
    @DisplayName("copies the file bytes and does not show them in toString")
    void copiesFileBytes() {
        byte[] file = {7, 7, 7};
        ApiRequest request = ApiRequest.builder("POST", "/v3/x").multipart("{}", "a.png", "image/png", file).build();
        file[0] = 0;
        assertThat(request.isMultipart()).isTrue();
        assertThat(request.multipart().write(new byte[0], "B")).contains((byte) 7);
        assertThat(request.toString()).contains("multipart file of 3 bytes");
    }

    @Test
    @DisplayName("builds its absolute URL on a base URI, keeping the base's path and dropping its trailing slash")
    void buildsUrlOnBaseUri() {
        ApiRequest request = ApiRequest.builder("GET", "/v3/merchant-service/images/{media_id}")
                .pathParam("media_id", "a/b").queryParam("tar_type", "GZIP").build();
        assertThat(request.url(java.net.URI.create("http://127.0.0.1:8080")))
                .isEqualTo("http://127.0.0.1:8080/v3/merchant-service/images/a%2Fb?tar_type=GZIP");
        assertThat(request.url(java.net.URI.create("https://gateway.example/wxpay/")))
                .isEqualTo("https://gateway.example/wxpay/v3/merchant-service/images/a%2Fb?tar_type=GZIP");
        assertThatThrownBy(() -> request.url(java.net.URI.create("https://gateway.example/?x=1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without query");
    }
}
