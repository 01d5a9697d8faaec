package dev.wxpay.maven;

import dev.wxpay.codegen.GenerationException;
import dev.wxpay.codegen.GenerationLog;
import dev.wxpay.codegen.GenerationRequest;
import dev.wxpay.codegen.WxpayGenerator;
import dev.wxpay.codegen.read.BundledSpecs;
import dev.wxpay.codegen.read.SpecSource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.util.List;

/**
 * Generates a typed WeChat Pay client (models, one API class per tag, the {@code Wxpay} call chain and the
 * notification helpers) from an OpenAPI 3 (or Swagger 2.0) spec, and adds the output directory to the compile
 * sources. Skips the work when the spec, templates, plugin version and configuration are unchanged.
 *
 * <p>A thin adapter: it copies its parameters into a {@link GenerationRequest} and runs {@link WxpayGenerator}.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /**
     * The spec: a file path (relative to the project's base directory), or a resource on the plugin's classpath
     * such as {@code wxpay/payscore.yaml} from the {@code wxpay-spec} jar. Required unless {@code products} is set.
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.inputSpec")
    String inputSpec;

    /**
     * Products of the whole WeChat Pay API bundled with the plugin ({@code pay}, {@code refund},
     * {@code payscore}, ...: the first path segment after {@code /v3/}), used when {@code inputSpec} is not set:
     * no spec file and no plugin dependency needed. Each product goes to {@code <packageName>.<product>}, and
     * {@code <packageName>.Wxpay} reaches them all. An unknown name fails the build with the closest ones.
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.products")
    List<String> products;

    /**
     * The root package of the generated code; models go to {@code .model}, API classes to {@code .api}, the
     * call chain's steps to {@code .chain}, notifications to {@code .notification}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.packageName", required = true)
    String packageName;

    /**
     * Where the sources are generated; added to the project's compile sources.
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/wxpay",
            required = true)
    File outputDirectory;

    /**
     * A folder of templates that replace the built-in ones file by file ({@code model.mustache},
     * {@code api.mustache}, {@code chain.mustache}, {@code validation.mustache}, {@code notifications.mustache},
     * {@code header.mustache}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.templateDirectory")
    File templateDirectory;

    /**
     * Skips the goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.skip", defaultValue = "false")
    boolean skip;

    /**
     * Regenerates even when the inputs are unchanged since the last successful run.
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.force", defaultValue = "false")
    boolean force;

    /**
     * Reports each operation the generator cannot express (with its reason) and generates the rest, instead of
     * failing the build. Meant for large specs one did not write.
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.lenient", defaultValue = "false")
    boolean lenient;

    /**
     * Writes the generator's intermediate model as JSON to this file, for debugging templates.
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.modelDump")
    File modelDump;

    /**
     * Generates only these operations (all when empty) and the schemas they reach. Each entry is either
     * {@code METHOD /path}, where {@code *} stands for one path segment's characters, {@code /**} for any number
     * of segments and a method of {@code *} for every method ({@code POST /v3/pay/transactions/*},
     * {@code * /v3/refund/**}), or an operationId ({@code *} for any characters). An entry that matches no
     * operation fails the build, naming the closest existing ones.
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.includes")
    List<String> includes;

    /**
     * Leaves out these operations (same patterns as {@code includes}), applied after {@code includes}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "wxpay.excludes")
    List<String> excludes;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
    String pluginVersion;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("wxpay-codegen: skipped (wxpay.skip)");
            return;
        }
        GenerationRequest request;
        try {
            request = toRequest();
        } catch (GenerationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        try {
            new WxpayGenerator(new MavenLog(getLog())).generate(request);
        } catch (GenerationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("wxpay-codegen: bad configuration: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(request.outputDirectory().toString());
        project.addResource(ClientIndexResources.resource(request.outputDirectory()));
    }

    /** The immutable request this configuration stands for. */
    GenerationRequest toRequest() throws MojoExecutionException {
        try {
            boolean bundled = products != null && !products.isEmpty();
            if (inputSpec == null && !bundled) {
                throw new IllegalArgumentException("set inputSpec (a spec file or classpath resource) or products"
                        + " (names from the bundled WeChat Pay API, such as pay)");
            }
            return GenerationRequest.builder()
                    .spec(inputSpec == null ? null : SpecSource.fileOrResource(inputSpec,
                            project.getBasedir().toPath(), GenerateMojo.class.getClassLoader()))
                    .products(bundled ? BundledSpecs.load(GenerateMojo.class.getClassLoader()).select(products)
                            .stream().map(p -> new GenerationRequest.Product(p.name(), p.source())).toList()
                            : List.of())
                    .packageName(packageName)
                    .outputDirectory(outputDirectory.toPath())
                    .templateDirectory(templateDirectory == null ? null : templateDirectory.toPath())
                    .lenient(lenient)
                    .force(force)
                    .generatorVersion(pluginVersion)
                    .modelDumpFile(modelDump == null ? null : modelDump.toPath())
                    .includes(includes)
                    .excludes(excludes)
                    .build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MojoExecutionException("wxpay-codegen: bad configuration: " + e.getMessage(), e);
        }
    }

    /** Maven's log as the generator's log. */
    private static final class MavenLog implements GenerationLog {
        private final Log log;

        MavenLog(Log log) {
            this.log = log;
        }

        @Override
        public void info(String message) {
            log.info(message);
        }

        @Override
        public void warn(String message) {
            log.warn(message);
        }

        @Override
        public void debug(String message) {
            log.debug(message);
        }

        @Override
        public boolean isDebugEnabled() {
            return log.isDebugEnabled();
        }
    }
}
