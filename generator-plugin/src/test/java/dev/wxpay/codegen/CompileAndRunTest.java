package dev.wxpay.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wxpay.codegen.naming.JavaNames;
import dev.wxpay.codegen.read.ParsedSpec;
import dev.wxpay.codegen.read.SpecReader;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.runtime.WechatPayJson;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles the client generated from the payscore spec in-process ({@code --release 11}, Javadoc checked by
 * doclint) against the runtime, loads it, and round-trips every request and response example of the spec through
 * the generated models with the runtime's ObjectMapper.
 */
@DisplayName("The generated payscore client compiles on Java 11 and carries the spec's examples")
class CompileAndRunTest {
    @TempDir
    static Path work;
    static URLClassLoader loader;
    static ParsedSpec spec;
    static WechatPayClient client;

    @BeforeAll
    static void generateAndCompile() throws Exception {
        Path sources = work.resolve("src");
        new WxpayGenerator(GenerationLog.silent()).generate(TestSpecs.request("payscore.yaml", sources).build());
        Path probe = Path.of(CompileAndRunTest.class.getResource("/compile-probe/probe/CallShapes.java").toURI());
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = new ArrayList<>(walk.filter(p -> p.toString().endsWith(".java")).sorted().toList());
        }
        files.add(probe);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "11", "-encoding", "UTF-8", "-Xlint:all", "-Werror",
                    "-Xdoclint:all,-missing", "-proc:none", "-classpath", clientClasspath(),
                    "-d", classes.toString());
            boolean ok = compiler.getTask(null, fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(files)).call();
            StringBuilder report = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                report.append(d).append('\n');
            }
            assertThat(ok).as(report.toString()).isTrue();
            assertThat(report.toString()).as("compiler warnings").isEmpty();
        }
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, CompileAndRunTest.class.getClassLoader());
        spec = new SpecReader().read(TestSpecs.source("payscore.yaml"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        client = WechatPayClient.builder().baseUri(URI.create("http://127.0.0.1:9"))
                .merchantId("1900000109").merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
                .merchantPrivateKey(keys.getPrivate()).wechatPayPublicKey("PUB_KEY_ID_0119000001092025", keys.getPublic())
                .build();
    }

    /** What a consumer of the client has: the runtime and Jackson, nothing of the generator. */
    private static String clientClasspath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> e.contains("jackson") || e.contains("runtime"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    @TestFactory
    @DisplayName("every request and response example reads into its model and writes back to the same JSON")
    Stream<DynamicTest> examplesRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, PathItem> path : spec.openAPI().getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Operation op = entry.getValue();
                if (op.getRequestBody() != null) {
                    MediaType media = op.getRequestBody().getContent().get("application/json");
                    tests.add(roundTrip(op.getOperationId() + " request", media));
                }
                MediaType ok = op.getResponses().get("200").getContent() == null ? null
                        : op.getResponses().get("200").getContent().get("application/json");
                if (ok != null) {
                    tests.add(roundTrip(op.getOperationId() + " response", ok));
                }
            }
        }
        assertThat(tests).as("14 answers and 9 request bodies").hasSize(14 + 9);
        return tests.stream();
    }

    private static DynamicTest roundTrip(String name, MediaType media) {
        return DynamicTest.dynamicTest(name, () -> {
            assertThat(media.getExample()).as("example of " + name).isNotNull();
            String ref = media.getSchema().get$ref();
            Class<?> type = loader.loadClass("dev.wxpay.payscore.model."
                    + JavaNames.pascal(ref.substring(ref.lastIndexOf('/') + 1)));
            ObjectMapper mapper = WechatPayJson.newObjectMapper();
            JsonNode original = io.swagger.v3.core.util.Json.mapper().valueToTree(media.getExample());
            Object value = mapper.treeToValue(original, type);
            JsonNode written = mapper.valueToTree(value);
            assertSameJson(name, original, written);
            assertThat(mapper.treeToValue(written, type)).isEqualTo(value).hasSameHashCodeAs(value);
        });
    }

    /** Equal JSON, where date-time strings compare as the same instant with the same offset. */
    private static void assertSameJson(String where, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(where).isTrue();
            List<String> expectedNames = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedNames::add);
            List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            assertThat(actualNames).as(where).containsExactlyInAnyOrderElementsOf(expectedNames);
            for (String field : expectedNames) {
                assertSameJson(where + "." + field, expected.get(field), actual.get(field));
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(where).isEqualTo(expected.size());
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                assertSameJson(where + "[" + i + "]", e.next(), a.next());
            }
        } else if (expected.isTextual() && actual.isTextual() && isDateTime(expected.asText())) {
            OffsetDateTime e = OffsetDateTime.parse(expected.asText());
            OffsetDateTime a = OffsetDateTime.parse(actual.asText());
            assertThat(a).as(where).isEqualTo(e);
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(where).isTrue();
            assertThat(actual.decimalValue()).as(where).isEqualByComparingTo(expected.decimalValue());
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @Test
    @DisplayName("a request missing required fields is refused naming them by JSON path, list items included")
    void missingFieldsAreNamed() throws Exception {
        assertThat(probe("apiStyleMissingFields")).containsExactly("service_id is required",
                "sign_plan_detail[0].plan_detail_no is required");
    }

    @Test
    @DisplayName("a null body is refused in the chain style")
    void nullBodyIsRefused() throws Exception {
        assertThat(probe("chainStyleNullBody")).containsExactly("request body is required");
    }

    @Test
    @DisplayName("a missing path value is refused when the call is made")
    void missingPathValueIsRefused() throws Exception {
        assertThat(probe("chainStyleMissingPathValue"))
                .containsExactly("path parameter merchant_sign_plan_no is required");
    }

    @Test
    @DisplayName("a missing required query parameter is refused before an async call starts")
    void missingQueryIsRefused() throws Exception {
        assertThat(probe("chainStyleMissingQuery")).containsExactly("query parameter sub_mchid is required");
    }

    @Test
    @DisplayName("the notification class lists the event types of each callback")
    @SuppressWarnings("unchecked")
    void eventTypes() throws Exception {
        Method method = loader.loadClass("probe.CallShapes").getMethod("partnerEventTypes");
        assertThat((List<Object>) method.invoke(null))
                .containsExactly("PAYSCORE.USER_SIGN_PLAN", "PAYSCORE.USER_CANCEL_SIGN_PLAN");
    }

    @SuppressWarnings("unchecked")
    private static List<String> probe(String name) throws Exception {
        Method method = loader.loadClass("probe.CallShapes").getMethod(name, WechatPayClient.class);
        return (List<String>) method.invoke(null, client);
    }

}
