package dev.wxpay.codegen.openapi;

import dev.wxpay.codegen.GenerationLog;
import io.swagger.v3.oas.models.media.NumberSchema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("OpenAPI Generator's log")
class CodegenLogTest {

    /** Collects what reaches the generator's reporting, by level. */
    private static final class Collected implements GenerationLog {
        final List<String> info = new ArrayList<>();
        final List<String> warn = new ArrayList<>();
        final List<String> debug = new ArrayList<>();

        @Override
        public void info(String message) {
            info.add(message);
        }

        @Override
        public void warn(String message) {
            warn.add(message);
        }

        @Override
        public void debug(String message) {
            debug.add(message);
        }
    }

    @Test
    @DisplayName("reaches the generator's reporting: both loggers of the configuration are routed")
    void bothLoggersAreRouted() {
        assertThat(new WxpayCodegen().reportTo(new Collected(), "pay.yaml"))
                .as("DefaultCodegen's and AbstractJavaCodegen's private loggers (renamed by an upgrade?)")
                .isEqualTo(2);
    }

    @Test
    @DisplayName("a warning becomes a warning naming the spec, option chatter becomes debug detail")
    void warningsNameTheSpecAndChatterIsDebug() {
        WxpayCodegen codegen = new WxpayCodegen();
        Collected log = new Collected();
        codegen.reportTo(log, "pay.yaml");
        codegen.processOpts();
        NumberSchema number = new NumberSchema();
        number.setFormat("integer");
        codegen.getSchemaType(number);
        assertThat(log.warn).contains("wxpay-codegen: OpenAPI Generator: pay.yaml: Unknown `format` integer"
                + " detected for type `number`. Defaulting to `number`");
        assertThat(log.info).isEmpty();
        assertThat(log.debug).isNotEmpty().allSatisfy(line ->
                assertThat(line).startsWith("wxpay-codegen: OpenAPI Generator: pay.yaml: "));
    }
}
