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
    private static class Collected implements GenerationLog {
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

    /** As {@link Collected}, for a build that keeps no debug detail (Maven without {@code -X}). */
    private static final class WithoutDetail extends Collected {
        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    }

    /** An object with a private logger field, as OpenAPI Generator's configuration classes have. */
    private static final class HasLogger {
        private org.slf4j.Logger LOGGER;
    }

    /** A log argument that counts how often it is printed. */
    private static final class Counted {
        int printed;

        @Override
        public String toString() {
            printed++;
            return "counted";
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

    @Test
    @DisplayName("when the build keeps no debug detail, debug lines are neither formatted nor kept; warnings still are")
    void debugDetailIsNotFormattedWhenNobodyKeepsIt() {
        HasLogger target = new HasLogger();
        WithoutDetail log = new WithoutDetail();
        assertThat(CodegenLog.install(target, log, "pay.yaml")).isEqualTo(1);
        Counted argument = new Counted();
        target.LOGGER.debug("schema {}", argument);
        target.LOGGER.info("schema {} and {}", argument, argument);
        target.LOGGER.trace("schema {}", new Object[] {argument});
        target.LOGGER.warn("schema {}", argument);
        assertThat(argument.printed).as("printed for the warning only").isEqualTo(1);
        assertThat(log.debug).isEmpty();
        assertThat(log.warn).containsExactly("wxpay-codegen: OpenAPI Generator: pay.yaml: schema counted");
        assertThat(target.LOGGER.isDebugEnabled()).isFalse();
    }

    @Test
    @DisplayName("when the build keeps debug detail (-X), debug lines are formatted and kept")
    void debugDetailIsKeptWhenWanted() {
        HasLogger target = new HasLogger();
        Collected log = new Collected();
        CodegenLog.install(target, log, "pay.yaml");
        target.LOGGER.debug("schema {}", new Counted());
        assertThat(log.debug).containsExactly("wxpay-codegen: OpenAPI Generator: pay.yaml: schema counted");
        assertThat(target.LOGGER.isDebugEnabled()).isTrue();
    }
}
