package dev.wxpay.codegen;

import dev.wxpay.codegen.read.SpecSource;
import dev.wxpay.runtime.ApiRequest;
import dev.wxpay.runtime.WechatPayClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Sensitive path and query parameters in generated code")
class SensitiveParametersTest {
    private static final String OPERATIONS = String.join("\n",
            "  /v3/mini/holders/{id_card}:",
            "    get:",
            "      tags: [Holders]",
            "      operationId: getHolder",
            "      parameters:",
            "        - name: id_card",
            "          in: path",
            "          required: true",
            "          x-wxpay-sensitive: true",
            "          schema:",
            "            type: string",
            "        - name: name",
            "          in: query",
            "          x-wxpay-sensitive: true",
            "          schema:",
            "            type: string",
            "        - name: sub_mchid",
            "          in: query",
            "          schema:",
            "            type: string",
            "      responses:",
            "        '204':",
            "          description: found",
            "  /v3/mini/holders:",
            "    delete:",
            "      tags: [Holders]",
            "      operationId: deleteHolders",
            "      responses:",
            "        '204':",
            "          description: deleted",
            "");

    @Test
    @DisplayName("encrypts marked path and query values with the client's key, and leaves other operations as they were")
    void encryptsMarkedParameters(@TempDir Path dir) throws Exception {
        String mini = Files.readString(Path.of("src/it/file-spec/spec/mini.yaml"), StandardCharsets.UTF_8);
        Path spec = dir.resolve("holders.yaml");
        Files.writeString(spec, mini.replace("paths:\n", "paths:\n" + OPERATIONS), StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        new WxpayGenerator(GenerationLog.silent()).generate(GenerationRequest.builder().spec(SpecSource.file(spec))
                .packageName("com.example.mini").outputDirectory(out).generatorVersion("test").build());
        String api = Files.readString(out.resolve("com/example/mini/api/HoldersApi.java"), StandardCharsets.UTF_8);
        assertThat(api).contains("getHolderRequest(WechatPayClient client, String idCard, String name, String subMchid)")
                .contains("deleteHoldersRequest()");

        KeyPair merchant = rsa();
        KeyPair wechatPay = rsa();
        try (URLClassLoader loader = compile(out, Files.createDirectories(dir.resolve("classes")));
             WechatPayClient client = WechatPayClient.builder().baseUri(URI.create("http://127.0.0.1:9"))
                     .merchantId("1900000109").merchantSerialNumber("MSN1").merchantPrivateKey(merchant.getPrivate())
                     .wechatPayPublicKey("PUB_KEY_ID_0001", wechatPay.getPublic()).build()) {
            Class<?> holders = loader.loadClass("com.example.mini.api.HoldersApi");
            Method request = holders.getDeclaredMethod("getHolderRequest", WechatPayClient.class, String.class,
                    String.class, String.class);
            request.setAccessible(true);
            ApiRequest built = (ApiRequest) request.invoke(null, client, "110101199003070000", "张三", "1900");
            String pathAndQuery = built.pathAndQuery();
            String idCard = pathAndQuery.substring("/v3/mini/holders/".length(), pathAndQuery.indexOf('?'));
            String name = pathAndQuery.substring(pathAndQuery.indexOf("name=") + 5, pathAndQuery.indexOf('&'));
            assertThat(decrypt(wechatPay.getPrivate(), idCard)).isEqualTo("110101199003070000");
            assertThat(decrypt(wechatPay.getPrivate(), name)).isEqualTo("张三");
            assertThat(pathAndQuery).endsWith("&sub_mchid=1900").doesNotContain("110101199003070000");

            ApiRequest withoutName = (ApiRequest) request.invoke(null, client, "1", null, null);
            assertThat(withoutName.pathAndQuery()).doesNotContain("?");
        }
    }

    private static String decrypt(PrivateKey key, String percentEncoded) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, key);
        byte[] plain = cipher.doFinal(Base64.getDecoder().decode(
                URLDecoder.decode(percentEncoded, StandardCharsets.UTF_8)));
        return new String(plain, StandardCharsets.UTF_8);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static URLClassLoader compile(Path sources, Path classes) throws Exception {
        List<String> args = new ArrayList<>(List.of("--release", "11", "-proc:none", "-Werror", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(new String[0]))).as("javac exit code").isZero();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, SensitiveParametersTest.class.getClassLoader());
    }
}
