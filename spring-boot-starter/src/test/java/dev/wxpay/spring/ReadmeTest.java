package dev.wxpay.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

@DisplayName("The module README's application.yml uses only properties the starter declares")
class ReadmeTest {

    @Test
    @DisplayName("every wxpay.* key of the README's yaml is in the generated configuration metadata, and all of them are used")
    void yamlMatchesMetadata() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(yaml.find()).as("README.md has a yaml block").isTrue();
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("README",
                new ByteArrayResource(yaml.group(1).getBytes(StandardCharsets.UTF_8)));
        Set<String> used = new HashSet<>();
        for (PropertySource<?> source : sources) {
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                used.add(name.replaceAll("\\[\\d+]$", ""));
            }
        }

        Set<String> declared = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor wrote the metadata").isNotNull();
            for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
                declared.add(property.get("name").asText());
            }
        }
        assertThat(declared).as("declared").contains("wxpay.merchant-id", "wxpay.private-key", "wxpay.api-v3-key");
        assertThat(used).as("keys in the README").isSubsetOf(declared);
        // platform-certificates is shown commented out, as the alternative to the public key; merchants has its own
        // section and yaml block.
        Set<String> missing = new HashSet<>(declared);
        missing.removeAll(used);
        assertThat(missing).as("declared but missing from the README's first yaml block")
                .containsExactlyInAnyOrder("wxpay.platform-certificates", "wxpay.merchants");
    }

    @Test
    @DisplayName("the README's several-merchants yaml uses only single-merchant properties plus primary")
    void merchantsYamlMatchesMetadata() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(yaml.find()).isTrue();
        assertThat(yaml.find()).as("README.md has a second yaml block, for several merchants").isTrue();
        Set<String> declared = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
                declared.add(property.get("name").asText());
            }
        }
        Set<String> names = new HashSet<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("README",
                new ByteArrayResource(yaml.group(1).getBytes(StandardCharsets.UTF_8)))) {
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                assertThat(name).startsWith("wxpay.merchants.");
                names.add(name.replaceFirst("^wxpay\\.merchants\\.[^.]+\\.", "wxpay."));
            }
        }
        names.remove("wxpay.primary");
        assertThat(names).isNotEmpty().isSubsetOf(declared);
    }

    @Test
    @DisplayName("the README's notification controller method is the one the Tomcat test runs")
    void controllerIsTheTestedOne() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String test = Files.readString(Path.of("src/test/java/dev/wxpay/spring/NotificationEndpointTest.java"),
                StandardCharsets.UTF_8);
        for (String line : List.of("@PostMapping(\"/wxpay/notify/sign-plan\")",
                "ResponseEntity<?> signPlan(@RequestHeader HttpHeaders headers, @RequestBody byte[] body) {",
                "return notifications.handle(headers, body, UserSignPlan.class, ")) {
            assertThat(readme).contains(line);
            assertThat(test).contains(line);
        }
    }

    @Test
    @DisplayName("the injected API call of this README and of the project README is the one the Tomcat test makes")
    void injectedCallIsTheTestedOne() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String projectReadme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String test = Files.readString(Path.of("src/test/java/dev/wxpay/spring/NotificationEndpointTest.java"),
                StandardCharsets.UTF_8);
        assertThat(test).contains("@Autowired\n    UserSignPlansApi signPlans;");
        for (String line : List.of("SignPlans(UserSignPlansApi signPlans) {", "this.signPlans = signPlans;",
                "return signPlans.createUserSignPlan(request);")) {
            assertThat(readme).contains(line);
            assertThat(projectReadme).contains(line);
        }
        assertThat(test).contains("signPlans.createUserSignPlan(new CreateUserSignPlanRequest()");
    }
}
