package dev.wxpay.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wxpay.testkit.SimulatedMerchant;
import dev.wxpay.testkit.WechatPaySimulator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular application (a real {@code module-info.java} that {@code requires dev.wxpay.payscore} and
 * {@code dev.wxpay.runtime}) is compiled and run on the module path, in its own JVM, against the simulator.
 * The jars come from this module's class path as Maven resolved it (packaged jars in a reactor build).
 */
@DisplayName("The generated client on the module path")
class ModulePathTest {

    /** What the application needs on its module path: the client, the runtime and Jackson. */
    private static final List<String> MODULE_JARS = List.of("wxpay-payscore-client-", "wxpay-runtime-",
            "jackson-core-", "jackson-databind-", "jackson-annotations-", "jackson-datatype-jsr310-");

    @Test
    @DisplayName("a modular application requires the client and the runtime by module name and calls WeChat Pay")
    void modularApplicationCallsTheClient(@TempDir Path dir) throws Exception {
        List<String> modulePath = modulePath();
        Path src = dir.resolve("src");
        copyResource("modular-app/module-info.java", src.resolve("module-info.java"));
        copyResource("modular-app/app/Main.java", src.resolve("app/Main.java"));
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "--release", "11", "-Xlint:all,-requires-automatic", "-Werror",
                "--module-path", String.join(File.pathSeparator, modulePath), "-d", classes.toString(),
                src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString());
        assertThat(compiled).as("javac exit code").isZero();

        try (WechatPaySimulator sim = WechatPaySimulator.builder().start()) {
            SimulatedMerchant m = sim.merchant();
            Path key = Files.writeString(dir.resolve("apiclient_key.pem"), m.privateKeyPem().orElseThrow());
            Path pub = Files.writeString(dir.resolve("pub_key.pem"), sim.platformPublicKeyPem());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--module-path", classes + File.pathSeparator + String.join(File.pathSeparator, modulePath),
                    "-m", "dev.wxpay.it.modularapp/app.Main"));
            command.addAll(List.of(sim.baseUri().toString(), m.mchid(), m.certificateSerialNo(), key.toString(),
                    sim.publicKeyId(), pub.toString(), Fixtures.plainNo("modular-")));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the application ended").isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("module=dev.wxpay.it.modularapp client=dev.wxpay.payscore "
                    + "runtime=dev.wxpay.runtime plan_id=");
            assertThat(sim.lastRequest().orElseThrow().signatureVerified()).isTrue();
        }
    }

    private static List<String> modulePath() {
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> MODULE_JARS.stream().anyMatch(p -> Path.of(e).getFileName().toString().startsWith(p)))
                .filter(e -> !e.endsWith("-tests.jar"))
                .collect(Collectors.toList());
        // A directory (an IDE's class path) has no Automatic-Module-Name: the test needs the packaged jars.
        assertThat(jars).as("class path entries of the client, the runtime and Jackson").hasSize(MODULE_JARS.size())
                .allSatisfy(e -> assertThat(e).endsWith(".jar"));
        return jars;
    }

    private static void copyResource(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = ModulePathTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, target);
        }
    }
}
