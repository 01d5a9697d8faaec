package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ApiClassModel;
import dev.wxpay.codegen.model.ChainNodeModel;
import dev.wxpay.codegen.model.ClientModel;
import dev.wxpay.codegen.model.NotificationsModel;
import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.ValidationModel;
import dev.wxpay.codegen.openapi.CodegenModelStep;
import io.swagger.v3.oas.models.OpenAPI;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Step 3: turns OpenAPI Generator's codegen model (plus the raw spec, for callbacks and documentation links)
 * into our {@link ClientModel}, deciding every Java name and type once. The rules live in one class per concern
 * ({@link SchemaBuilder}, {@link OperationBuilder}, {@link ValidationBuilder}, {@link ApiClassBuilder},
 * {@link ChainBuilder}, {@link NotificationBuilder}); this class runs them in order. Operations the generator
 * cannot express are reported: in strict mode as a {@link GenerationException}, in lenient mode as skipped with
 * a reason. One instance per run; not thread-safe.
 */
public final class ModelBuilder {
    /** The {@code x-wxpay-notification} extension on a callback operation. */
    public static final String NOTIFICATION_EXTENSION = "x-wxpay-notification";

    private final OpenAPI openAPI;
    private final CodegenModelStep.Result codegen;
    private final BuildContext context;

    /**
     * @param locator turns a problem that starts with a JSON pointer ({@code #/paths/...: ...}) into one that also
     *                names the file and line
     */
    public ModelBuilder(OpenAPI openAPI, CodegenModelStep.Result codegen, String specName, String packageName,
                        boolean lenient, UnaryOperator<String> locator) {
        this.openAPI = openAPI;
        this.codegen = codegen;
        this.context = new BuildContext(specName, packageName, lenient, locator);
    }

    /** Builds the whole client model of a single-spec run, call chain included. */
    public ClientModel build() {
        ClientModel model = buildProduct();
        List<ChainNodeModel> chain = new ChainBuilder(context.packageName()).buildSingle(model.apis());
        return new ClientModel(model.specName(), model.packageName(), model.schemas(), model.apis(),
                model.validation(), chain, model.notifications(), model.skipped());
    }

    /**
     * Builds the client model of one product without its call chain: in a several-products run the chain is
     * built over all products at once ({@link ProductChains}).
     */
    public ClientModel buildProduct() {
        List<ClientModel.Skipped> skipped = new ArrayList<>();
        JavaTypes types = new JavaTypes();
        SchemaBuilder.Schemas schemas = new SchemaBuilder(context, types, skipped).build(codegen.models());
        List<OperationModel> operations = new OperationBuilder(openAPI, context, types, skipped)
                .build(codegen.operations());
        ValidationModel validation = new ValidationBuilder(context).build(operations, schemas.byClass());
        List<ApiClassModel> apis = new ApiClassBuilder(openAPI, context).build(operations, validation);
        Optional<NotificationsModel> notifications = new NotificationBuilder(openAPI, context)
                .build(schemas.classBySchemaName());
        skipped.sort(Comparator.comparing(ClientModel.Skipped::where));
        return new ClientModel(context.specName(), context.packageName(), List.copyOf(schemas.byClass().values()),
                apis, validation, List.of(), notifications, skipped);
    }
}
