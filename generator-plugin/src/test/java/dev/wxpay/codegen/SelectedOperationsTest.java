package dev.wxpay.codegen;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Generating selected operations")
class SelectedOperationsTest {
    private final List<String> infos = new ArrayList<>();
    private final GenerationLog log = new GenerationLog() {
        @Override
        public void info(String message) {
            infos.add(message);
        }

        @Override
        public void warn(String message) {
        }
    };

    private static List<String> models(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve("dev/wxpay/payscore/model"))) {
            return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    @DisplayName("writes only the included operations and the models they reach")
    void onlySelected(@TempDir Path out) throws IOException {
        GenerationResult result = new WxpayGenerator(log).generate(TestSpecs.request("payscore.yaml", out)
                .includes(List.of("* /v3/payscore/plan/payscore-plans/**")).excludes(List.of("stopPayscorePlan"))
                .build());
        assertThat(result.operations()).isEqualTo(2);
        assertThat(result.generatedOperations()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("dev/wxpay/payscore/api/PayscorePlansApi.java")))
                .contains("createPayscorePlan(").contains("getPayscorePlan(").doesNotContain("stopPayscorePlan(");
        assertThat(out.resolve("dev/wxpay/payscore/api/PartnerUserSignPlansApi.java")).doesNotExist();
        assertThat(models(out)).contains("CreatePayscorePlanRequest.java", "PayscorePlan.java")
                .doesNotContain("PartnerUserSignPlan.java", "CreatePartnerUserSignPlanRequest.java");
        assertThat(infos).anyMatch(m -> m.startsWith("wxpay-codegen: includes/excludes keep 2 of 14 operations ("));
    }

    @Test
    @DisplayName("regenerates when only the patterns changed")
    void patternsArePartOfTheUpToDateCheck(@TempDir Path out) {
        WxpayGenerator generator = new WxpayGenerator(log);
        generator.generate(TestSpecs.request("payscore.yaml", out).includes(List.of("createPayscorePlan")).build());
        GenerationResult again = generator.generate(TestSpecs.request("payscore.yaml", out)
                .includes(List.of("createPayscorePlan", "getPayscorePlan")).build());
        assertThat(again.upToDate()).isFalse();
        assertThat(again.generatedOperations()).isEqualTo(2);
        assertThat(generator.generate(TestSpecs.request("payscore.yaml", out)
                .includes(List.of("createPayscorePlan", "getPayscorePlan")).build()).upToDate()).isTrue();
    }

    @Test
    @DisplayName("fails naming a misspelt operationId and the closest ones, writing nothing")
    void misspelt(@TempDir Path out) {
        assertThatThrownBy(() -> new WxpayGenerator(log).generate(TestSpecs.request("payscore.yaml", out)
                .includes(List.of("createPayscorPlan")).build()))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("includes pattern \"createPayscorePlan\"".replace("Payscore", "Payscor"))
                .hasMessageContaining("closest: createPayscorePlan, ");
        assertThat(out.resolve("dev")).doesNotExist();
    }
}
