package dev.wxpay.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wxpay.runtime.WechatPayJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Inline object schemas become static nested classes of the class that owns them ({@code nested.yaml}). */
@DisplayName("Inline objects as static nested classes")
class NestedClassesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/nested/model/JsapiPrepayRequest.java");
    private static final String MODEL = "dev/wxpay/nested/model/";

    @TempDir
    static Path work;
    static Path sources;

    @BeforeAll
    static void generate() {
        sources = work.resolve("src");
        new WxpayGenerator(GenerationLog.silent()).generate(TestSpecs.request("nested.yaml", sources)
                .packageName("dev.wxpay.nested").build());
    }

    private static String source(String file) throws IOException {
        return Files.readString(sources.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the request with nested classes two levels deep and an array of objects equals its golden file")
    void matchesGolden() throws IOException {
        String actual = source(MODEL + "JsapiPrepayRequest.java");
        if (Boolean.getBoolean("wxpay.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("only the request and response bodies get files; inline objects live inside them")
    void onlyBodiesAreTopLevel() throws IOException {
        try (Stream<Path> walk = Files.walk(sources.resolve(MODEL))) {
            assertThat(walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("JsapiPrepayRequest.java", "JsapiPrepayResponse.java");
        }
    }

    @Test
    @DisplayName("a shape met again elsewhere refers to the nested class where it was met first")
    void sharedShapeIsReferredToByItsOwner() throws IOException {
        assertThat(source(MODEL + "JsapiPrepayResponse.java"))
                .contains("private JsapiPrepayRequest.Amount amount;")
                .doesNotContain("class Amount");
    }

    @Test
    @DisplayName("names that would hide a used type or repeat the owner take the suffix Value")
    void clashesTakeASuffix() throws IOException {
        assertThat(source(MODEL + "JsapiPrepayRequest.java"))
                .contains("public static class ListValue {", "public static class JsapiPrepayRequestValue {")
                .doesNotContain("class List {");
    }

    @Test
    @DisplayName("JSON round-trips through the nested classes, and request validation reaches into them")
    void compilesAndRoundTrips() throws Exception {
        Path classes = work.resolve("classes");
        TestCompiler.Outcome outcome = TestCompiler.compile(sources, List.of(), classes);
        assertThat(outcome.ok()).as(outcome.diagnostics()).isTrue();
        assertThat(outcome.diagnostics()).as("compiler warnings").isEmpty();
        String json = "{\"appid\":\"wxd678efh567hg6787\",\"amount\":{\"total\":100,\"currency\":\"CNY\"},"
                + "\"detail\":{\"cost_price\":608800,\"goods_detail\":[{\"merchant_goods_id\":\"1246464644\","
                + "\"quantity\":1},{\"merchant_goods_id\":\"1246464645\",\"quantity\":2}]},"
                + "\"scene_info\":{\"payer_client_ip\":\"14.23.150.211\",\"store_info\":{\"id\":\"0001\","
                + "\"address\":\"广东省深圳市南山区科技中一道10000号\"}},\"list\":{\"size\":3},"
                + "\"jsapi_prepay_request\":{\"note\":\"n\"}}";
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                NestedClassesTest.class.getClassLoader())) {
            Class<?> request = loader.loadClass("dev.wxpay.nested.model.JsapiPrepayRequest");
            Class<?> goods = loader.loadClass("dev.wxpay.nested.model.JsapiPrepayRequest$Detail$GoodsDetail");
            assertThat(Modifier.isStatic(goods.getModifiers())).isTrue();
            assertThat(goods.getEnclosingClass().getSimpleName()).isEqualTo("Detail");

            ObjectMapper mapper = WechatPayJson.newObjectMapper();
            Object value = mapper.readValue(json, request);
            Object detail = request.getMethod("getDetail").invoke(value);
            List<?> items = (List<?>) detail.getClass().getMethod("getGoodsDetail").invoke(detail);
            assertThat(items).hasSize(2).allSatisfy(item -> assertThat(item).isInstanceOf(goods));
            assertThat(goods.getMethod("getQuantity").invoke(items.get(1))).isEqualTo(2);
            JsonNode written = mapper.readTree(mapper.writeValueAsString(value));
            assertThat(written).isEqualTo(mapper.readTree(json));
            assertThat(mapper.readValue(mapper.writeValueAsString(value), request)).isEqualTo(value);

            goods.getMethod("setQuantity", Integer.class).invoke(items.get(0), (Object) null);
            Class<?> validation = loader.loadClass("dev.wxpay.nested.api.RequestValidation");
            Method check = validation.getDeclaredMethod("checkJsapiPrepayRequest", String.class, request, List.class);
            check.setAccessible(true);
            List<String> violations = new ArrayList<>();
            check.invoke(null, "", value, violations);
            assertThat(violations).containsExactly("detail.goods_detail[0].quantity is required");
        }
    }
}
