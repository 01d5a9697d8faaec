package dev.wxpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The standalone jar runs as java -jar, prints what a client needs and serves signed answers")
class StandaloneJarIT {

    @Test
    @DisplayName("java -jar … --port 0 --keys-dir DIR prints the base URI and keys, then answers with exact-case headers")
    void runsStandalone(@TempDir Path keys) throws Exception {
        Path jar = Path.of(System.getProperty("standalone.jar", "target/missing.jar"));
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--keys-dir", keys.toString())
                .redirectErrorStream(true).start();
        try {
            List<String> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Serving until stopped")) {
                lines.add(line);
            }
            assertThat(line).as(String.join("\n", lines)).startsWith("Serving until stopped");
            String base = lines.stream().filter(l -> l.contains("base URI")).findFirst().orElseThrow()
                    .replaceAll(".*base URI\\s+", "");
            assertThat(String.join("\n", lines)).contains("14 operations", "PUB_KEY_ID_", "BEGIN PUBLIC KEY");
            assertThat(Files.readString(keys.resolve("apiclient_key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

            URI uri = URI.create(base);
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                OutputStream os = socket.getOutputStream();
                os.write(("GET /v3/payscore/plan/payscore-plans/merchant-plan-no/X HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                os.flush();
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                socket.getInputStream().transferTo(answer);
                assertThat(answer.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 401")
                        .contains("\r\nWechatpay-Timestamp: ", "\r\nRequest-ID: ", "\"code\":\"SIGN_ERROR\"");
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
