package dev.wxpay.maven;

import dev.wxpay.codegen.GenerationRequest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The generate goal's parameters")
class GenerateMojoTest {

    private static GenerateMojo mojo(Path basedir) {
        GenerateMojo mojo = new GenerateMojo();
        mojo.project = new MavenProject();
        mojo.project.setFile(basedir.resolve("pom.xml").toFile());
        mojo.packageName = "dev.wxpay.payscore";
        mojo.outputDirectory = basedir.resolve("target/generated-sources/wxpay").toFile();
        mojo.pluginVersion = "0.1.0";
        return mojo;
    }

    @Test
    @DisplayName("a spec file relative to the project becomes an absolute file source")
    void fileSpec(@TempDir Path basedir) throws IOException, MojoExecutionException {
        Files.writeString(basedir.resolve("api.yaml"), "openapi: 3.0.3");
        GenerateMojo mojo = mojo(basedir);
        mojo.inputSpec = "api.yaml";
        mojo.templateDirectory = new File(basedir.toFile(), "templates");
        mojo.lenient = true;
        mojo.force = true;
        GenerationRequest request = mojo.toRequest();
        assertThat(request.spec().isResource()).isFalse();
        assertThat(request.spec().location()).isEqualTo(basedir.resolve("api.yaml").toString());
        assertThat(request.packageName()).isEqualTo("dev.wxpay.payscore");
        assertThat(request.outputDirectory()).isEqualTo(basedir.resolve("target/generated-sources/wxpay"));
        assertThat(request.templateDirectory()).isEqualTo(basedir.resolve("templates"));
        assertThat(request.lenient()).isTrue();
        assertThat(request.force()).isTrue();
        assertThat(request.generatorVersion()).isEqualTo("0.1.0");
    }

    @Test
    @DisplayName("a spec that is not a file is looked up on the plugin's classpath")
    void classpathSpec(@TempDir Path basedir) throws MojoExecutionException {
        GenerateMojo mojo = mojo(basedir);
        mojo.inputSpec = "wxpay/payscore.yaml";
        GenerationRequest request = mojo.toRequest();
        assertThat(request.spec().isResource()).isTrue();
        assertThat(request.spec().location()).isEqualTo("wxpay/payscore.yaml");
        assertThat(request.lenient()).isFalse();
    }

    @Test
    @DisplayName("includes and excludes are copied in order; none given means every operation")
    void patterns(@TempDir Path basedir) throws MojoExecutionException {
        GenerateMojo mojo = mojo(basedir);
        mojo.inputSpec = "wxpay/payscore.yaml";
        assertThat(mojo.toRequest().includes()).isEmpty();
        mojo.includes = java.util.List.of("POST /v3/pay/transactions/*", "createRefund");
        mojo.excludes = java.util.List.of("* /v3/refund/**");
        GenerationRequest request = mojo.toRequest();
        assertThat(request.includes()).containsExactly("POST /v3/pay/transactions/*", "createRefund");
        assertThat(request.excludes()).containsExactly("* /v3/refund/**");
    }

    @Test
    @DisplayName("without inputSpec and products the configuration is refused, saying to set one of them")
    void noSpecNoProducts(@TempDir Path basedir) {
        GenerateMojo mojo = mojo(basedir);
        assertThatThrownBy(mojo::toRequest).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("set inputSpec (a spec file or classpath resource) or products");
    }

    @Test
    @DisplayName("a package name that is not a Java package is refused with the reason")
    void badPackage(@TempDir Path basedir) {
        GenerateMojo mojo = mojo(basedir);
        mojo.inputSpec = "api.yaml";
        mojo.packageName = "Dev.WxPay";
        assertThatThrownBy(mojo::toRequest).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("packageName Dev.WxPay is not a lower-case Java package name");
    }

    @Test
    @DisplayName("skip does nothing at all, not even reading the spec")
    void skip(@TempDir Path basedir) throws Exception {
        GenerateMojo mojo = mojo(basedir);
        mojo.inputSpec = "missing.yaml";
        mojo.skip = true;
        mojo.execute();
        assertThat(basedir.resolve("target")).doesNotExist();
        assertThat(mojo.project.getCompileSourceRoots()).isEmpty();
        assertThat(mojo.project.getResources()).isEmpty();
    }

    @Test
    @DisplayName("the output directory is also a resource root that takes only the client index into the jar")
    void clientIndexIsAResource(@TempDir Path basedir) {
        org.apache.maven.model.Resource resource = ClientIndexResources.resource(basedir.resolve("gen"));
        assertThat(resource.getDirectory()).isEqualTo(basedir.resolve("gen").toString());
        assertThat(resource.getIncludes()).containsExactly("META-INF/wxpay/clients/*.properties");
    }
}
