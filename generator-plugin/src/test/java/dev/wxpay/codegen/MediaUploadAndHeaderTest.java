package dev.wxpay.codegen;

import dev.wxpay.codegen.read.SpecSource;
import dev.wxpay.runtime.ApiRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Operations with header parameters and multipart media uploads")
class MediaUploadAndHeaderTest {
    /** A media upload (meta, a plain field, a file) and an operation with an Idempotency-Key header. */
    private static final String OPERATIONS = String.join("\n",
            "  /v3/mini/{sub_mchid}/media/upload:",
            "    post:",
            "      operationId: uploadImage",
            "      parameters:",
            "        - name: sub_mchid",
            "          in: path",
            "          required: true",
            "          schema:",
            "            type: string",
            "        - name: Wechatpay-Serial",
            "          in: header",
            "          schema:",
            "            type: string",
            "      requestBody:",
            "        required: true",
            "        content:",
            "          multipart/form-data:",
            "            schema:",
            "              type: object",
            "              required: [meta, submission_file, item_id]",
            "              properties:",
            "                meta:",
            "                  type: string",
            "                item_id:",
            "                  type: integer",
            "                  format: int64",
            "                submission_file:",
            "                  type: string",
            "                  format: binary",
            "      responses:",
            "        '200':",
            "          description: ok",
            "  /v3/mini/refunds:",
            "    post:",
            "      operationId: cancelRefund",
            "      parameters:",
            "        - name: Idempotency-Key",
            "          in: header",
            "          required: true",
            "          schema:",
            "            type: string",
            "        - name: out_no",
            "          in: query",
            "          schema:",
            "            type: string",
            "      responses:",
            "        '204':",
            "          description: done",
            "");

    private static Path generate(Path dir) throws Exception {
        String mini = Files.readString(Path.of("src/it/file-spec/spec/mini.yaml"), StandardCharsets.UTF_8);
        Path spec = dir.resolve("media.yaml");
        Files.writeString(spec, mini.replace("paths:\n", "paths:\n" + OPERATIONS), StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        new WxpayGenerator(GenerationLog.silent()).generate(GenerationRequest.builder().spec(SpecSource.file(spec))
                .packageName("com.example.mini").outputDirectory(out).generatorVersion("test").build());
        return out;
    }

    private static URLClassLoader compile(Path sources, Path classes) throws Exception {
        List<String> args = new ArrayList<>(List.of("--release", "11", "-proc:none", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(new String[0]))).as("javac exit code").isZero();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, MediaUploadAndHeaderTest.class.getClassLoader());
    }

    private static Method requestMethod(Class<?> api, String name) {
        for (Method m : api.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getReturnType() == ApiRequest.class) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new AssertionError("no " + name + " in " + api);
    }

    @Test
    @DisplayName("generates compiling methods: path, query, header, then meta, fields and the file as name, type, bytes")
    void generatesHeaderAndMultipartMethods(@TempDir Path dir) throws Exception {
        Path out = generate(dir);
        String sources;
        try (Stream<Path> files = Files.walk(out)) {
            sources = files.filter(f -> f.toString().endsWith("Api.java")).map(f -> {
                try {
                    return Files.readString(f, StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
        }
        assertThat(sources).contains("uploadImage(String subMchid, Object meta, Long itemId,"
                + " String submissionFileName, String submissionFileContentType, byte[] submissionFile)");
        assertThat(sources).contains("cancelRefund(String outNo, String idempotencyKey)");
        assertThat(sources).doesNotContain("wechatpaySerial"); // a header the runtime owns is not a parameter

        try (URLClassLoader loader = compile(out, Files.createDirectories(dir.resolve("classes")))) {
            Class<?> uploadApi = null;
            Class<?> refundApi = null;
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith("Api.java"))::iterator) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    String name = "com.example.mini.api." + f.getFileName().toString().replace(".java", "");
                    if (text.contains("uploadImageRequest(")) {
                        uploadApi = loader.loadClass(name);
                    }
                    if (text.contains("cancelRefundRequest(")) {
                        refundApi = loader.loadClass(name);
                    }
                }
            }
            ApiRequest upload = (ApiRequest) requestMethod(uploadApi, "uploadImageRequest").invoke(null, "1900",
                    Map.of("file_name", "a.png"), 56L, "a.png", "image/png", new byte[] {1, 2});
            assertThat(upload.isMultipart()).isTrue();
            assertThat(upload.pathAndQuery()).isEqualTo("/v3/mini/1900/media/upload");
            assertThat(upload.body()).isNull();

            ApiRequest refund = (ApiRequest) requestMethod(refundApi, "cancelRefundRequest").invoke(null, null, "k-1");
            assertThat(refund.headers()).containsEntry("Idempotency-Key", "k-1");

            Method cancel = requestMethod(refundApi, "cancelRefundRequest");
            assertThatThrownBy(() -> cancel.invoke(null, "o", null))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause().hasMessageContaining("header parameter Idempotency-Key is required");
            Method up = requestMethod(uploadApi, "uploadImageRequest");
            assertThatThrownBy(() -> up.invoke(null, "1900", null, 1L, null, "image/png", null))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause().hasMessageContaining("form part meta is required")
                    .hasMessageContaining("file name of form part submission_file is required")
                    .hasMessageContaining("form part submission_file is required");
        }
    }
}
