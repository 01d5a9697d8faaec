package dev.wxpay.codegen;

import dev.wxpay.codegen.read.SpecSource;
import dev.wxpay.runtime.ApiRequest;
import dev.wxpay.runtime.Download;
import dev.wxpay.runtime.WechatPayClient;
import dev.wxpay.runtime.WireRequest;
import dev.wxpay.runtime.WireResponse;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("File downloads in generated code")
class FileDownloadTest {
    /** A download (a PDF answer), and a JSON operation beside it in the same tag. */
    private static final String OPERATIONS = String.join("\n",
            "  /v3/mini/receipts/{receipt_id}/file:",
            "    get:",
            "      tags: [Receipts]",
            "      operationId: downloadReceipt",
            "      parameters:",
            "        - name: receipt_id",
            "          in: path",
            "          required: true",
            "          schema:",
            "            type: string",
            "        - name: token",
            "          in: query",
            "          required: true",
            "          schema:",
            "            type: string",
            "      responses:",
            "        '200':",
            "          description: the receipt",
            "          content:",
            "            application/pdf:",
            "              schema:",
            "                type: string",
            "                format: binary",
            "  /v3/mini/receipts/{receipt_id}:",
            "    delete:",
            "      tags: [Receipts]",
            "      operationId: deleteReceipt",
            "      parameters:",
            "        - name: receipt_id",
            "          in: path",
            "          required: true",
            "          schema:",
            "            type: string",
            "      responses:",
            "        '204':",
            "          description: deleted",
            "");

    @Test
    @DisplayName("treats an answer as a file only when every media type is non-JSON binary")
    void recognisesFileAnswers() {
        assertThat(FileAnswers.isDownload(answering("application/pdf", new BinarySchema()))).isTrue();
        assertThat(FileAnswers.isDownload(answering("application/octet-stream", new BinarySchema()))).isTrue();
        assertThat(FileAnswers.isDownload(answering("application/json", new BinarySchema()))).isFalse();
        assertThat(FileAnswers.isDownload(answering("text/plain", new StringSchema()))).isFalse();
        assertThat(FileAnswers.isDownload(answering("application/pdf", new ObjectSchema()))).isFalse();
        assertThat(FileAnswers.isDownload(new Operation().responses(new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("empty").content(new Content()))))).isFalse();
        assertThat(FileAnswers.isDownload(null)).isFalse();
        Operation mixed = answering("application/pdf", new BinarySchema());
        mixed.getResponses().get("200").getContent().addMediaType("application/json",
                new MediaType().schema(new ObjectSchema()));
        assertThat(FileAnswers.isDownload(mixed)).as("a file or JSON answer is not a download").isFalse();
    }

    @Test
    @DisplayName("generates a stream and a file method returning Download, whose request is the signed GET of its URL")
    void generatesDownloadMethods(@TempDir Path dir) throws Exception {
        Path out = generate(dir);
        Path apiFile = out.resolve("com/example/mini/api/ReceiptsApi.java");
        String api = Files.readString(apiFile, StandardCharsets.UTF_8);
        assertThat(api).contains("public Download downloadReceipt(String receiptId, String token, OutputStream out)")
                .contains("public Download downloadReceipt(String receiptId, String token, Path target)")
                .contains("public void deleteReceipt(String receiptId)")
                .doesNotContain("downloadReceiptWithHttpInfo").doesNotContain("downloadReceiptAsync");

        try (URLClassLoader loader = compile(out, Files.createDirectories(dir.resolve("classes")))) {
            Class<?> receipts = loader.loadClass("com.example.mini.api.ReceiptsApi");
            Method stream = receipts.getMethod("downloadReceipt", String.class, String.class, OutputStream.class);
            assertThat(stream.getReturnType()).isEqualTo(Download.class);
            assertThat(receipts.getMethod("downloadReceipt", String.class, String.class, Path.class).getReturnType())
                    .isEqualTo(Download.class);
            Method request = receipts.getDeclaredMethod("downloadReceiptRequest", String.class, String.class);
            request.setAccessible(true);
            ApiRequest built = (ApiRequest) request.invoke(null, "r/1", "t 2");
            assertThat(built.method()).isEqualTo("GET");
            assertThat(built.pathAndQuery()).isEqualTo("/v3/mini/receipts/r%2F1/file?token=t%202");
            assertThatThrownBy(() -> request.invoke(null, "r1", null))
                    .cause().hasMessageContaining("query parameter token is required");
        }
    }

    @Test
    @DisplayName("reaches a download through the call chain too: a stream and a file overload delegating to the API")
    void chainReachesDownloads(@TempDir Path dir) throws Exception {
        Path out = generate(dir);
        try (URLClassLoader loader = compile(out, Files.createDirectories(dir.resolve("classes")))) {
            java.util.List<WireRequest> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            java.security.KeyPair keys = generator.generateKeyPair();
            try (WechatPayClient client = WechatPayClient.builder().merchantId("1900000001")
                    .merchantSerialNumber("SERIAL").merchantPrivateKey(keys.getPrivate())
                    .wechatPayPublicKey("PUB_KEY_ID_0000", keys.getPublic())
                    .transport((request, timeout) -> {
                        sent.add(request);
                        return WireResponse.of(200, java.util.Map.of(), "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
                    }).build()) {
                Object wxpay = loader.loadClass("com.example.mini.Wxpay").getConstructor(WechatPayClient.class)
                        .newInstance(client);
                Object file = step(step(step(step(wxpay, "v3"), "mini"), "receipts", "r/1"), "file");
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

                Download download = (Download) file.getClass().getMethod("get", String.class, OutputStream.class)
                        .invoke(file, "t 2", bytes);
                Path target = dir.resolve("receipt.pdf");
                file.getClass().getMethod("get", String.class, Path.class).invoke(file, "t 3", target);

                assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7");
                assertThat(download.bytesWritten()).isEqualTo(8);
                assertThat(Files.readString(target, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7");
                assertThat(sent).extracting(WireRequest::pathAndQuery).containsExactly(
                        "/v3/mini/receipts/r%2F1/file?token=t%202", "/v3/mini/receipts/r%2F1/file?token=t%203");
                assertThat(sent.get(0).header("Authorization")).startsWith("WECHATPAY2-SHA256-RSA2048 ");
            }
        }
    }

    @Test
    @DisplayName("refuses a user's chain.mustache without the download section instead of leaving downloads out")
    void refusesAChainTemplateThatWouldDropDownloads(@TempDir Path dir) throws Exception {
        Path templates = templatesWithout(dir, "chain.mustache", "downloadLeaves");

        assertThatThrownBy(() -> generate(dir, OPERATIONS, templates))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining(templates.resolve("chain.mustache").toString())
                .hasMessageContaining("/v3/mini/receipts/{receipt_id}/file");
    }

    @Test
    @DisplayName("renames a query parameter called out or target, which the download methods take themselves")
    void downloadParametersNeverClashWithTheStreamOrFile(@TempDir Path dir) throws Exception {
        Path out = generate(dir, OPERATIONS.replace("        - name: token\n", "        - name: out\n"
                + "          in: query\n          schema:\n            type: string\n        - name: target\n"), null);

        String api = Files.readString(out.resolve("com/example/mini/api/ReceiptsApi.java"), StandardCharsets.UTF_8);
        assertThat(api).contains("public Download downloadReceipt(String receiptId, String outValue, String targetValue,"
                + " OutputStream out)");
        try (URLClassLoader loader = compile(out, Files.createDirectories(dir.resolve("classes")))) {
            assertThat(loader.loadClass("com.example.mini.api.ReceiptsApi").getMethod("downloadReceipt",
                    String.class, String.class, String.class, Path.class).getReturnType()).isEqualTo(Download.class);
        }
    }

    /** Calls the chain method {@code name} (with {@code arguments}, all strings) on {@code node}. */
    private static Object step(Object node, String name, String... arguments) throws Exception {
        Class<?>[] types = new Class<?>[arguments.length];
        java.util.Arrays.fill(types, String.class);
        return node.getClass().getMethod(name, types).invoke(node, (Object[]) arguments);
    }

    @Test
    @DisplayName("refuses a user's api.mustache without the downloads section instead of leaving downloads out")
    void refusesATemplateThatWouldDropDownloads(@TempDir Path dir) throws Exception {
        Path templates = templatesWithout(dir, "api.mustache", "downloads");

        assertThatThrownBy(() -> generate(dir, OPERATIONS, templates))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining(templates.resolve("api.mustache").toString())
                .hasMessageContaining("ReceiptsApi").hasMessageContaining("[downloadReceipt]");
    }

    /** A template folder holding the built-in {@code template} without its {@code section}. */
    private static Path templatesWithout(Path dir, String template, String section) throws Exception {
        String builtIn;
        try (var in = FileDownloadTest.class.getClassLoader().getResourceAsStream("wxpay-templates/" + template)) {
            builtIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = builtIn.indexOf("{{#" + section + "}}");
        int end = builtIn.indexOf("{{/" + section + "}}") + ("{{/" + section + "}}").length();
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve(template), builtIn.substring(0, start) + builtIn.substring(end),
                StandardCharsets.UTF_8);
        return templates;
    }

    private static Operation answering(String mediaType, io.swagger.v3.oas.models.media.Schema<?> schema) {
        return new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("ok")
                .content(new Content().addMediaType(mediaType, new MediaType().schema(schema)))));
    }

    private static Path generate(Path dir) throws Exception {
        return generate(dir, OPERATIONS, null);
    }

    /** Generates the mini spec with {@code operations} into {@code dir/out}, with the built-in or given templates. */
    private static Path generate(Path dir, String operations, Path templates) throws Exception {
        String mini = Files.readString(Path.of("src/it/file-spec/spec/mini.yaml"), StandardCharsets.UTF_8);
        Path spec = dir.resolve("receipts.yaml");
        Files.writeString(spec, mini.replace("paths:\n", "paths:\n" + operations), StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        GenerationRequest.Builder request = GenerationRequest.builder().spec(SpecSource.file(spec))
                .packageName("com.example.mini").outputDirectory(out).generatorVersion("test");
        new WxpayGenerator(GenerationLog.silent()).generate(templates == null ? request.build()
                : request.templateDirectory(templates).build());
        return out;
    }

    private static URLClassLoader compile(Path sources, Path classes) throws Exception {
        List<String> args = new ArrayList<>(List.of("--release", "11", "-proc:none", "-Werror", "-Xdoclint:all,-missing",
                "-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(new String[0]))).as("javac exit code").isZero();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, FileDownloadTest.class.getClassLoader());
    }
}
