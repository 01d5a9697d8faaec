package dev.wxpay.maven;

import dev.wxpay.codegen.model.ClientIndexModel;
import java.nio.file.Path;
import org.apache.maven.model.Resource;

/**
 * The resource root that puts the generated client index ({@code META-INF/wxpay/clients/*.properties}, written beside
 * the sources) into the jar, and nothing else of the output directory. Stateless.
 */
final class ClientIndexResources {
    private ClientIndexResources() {
    }

    /** The output directory as a resource root that includes only the client index. */
    static Resource resource(Path outputDirectory) {
        Resource resource = new Resource();
        resource.setDirectory(outputDirectory.toString());
        resource.addInclude(ClientIndexModel.FOLDER + "*.properties");
        return resource;
    }
}
