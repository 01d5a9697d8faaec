package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ApiClassModel;
import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.ParameterModel;
import dev.wxpay.codegen.model.ValidationModel;
import dev.wxpay.codegen.naming.JavaNames;
import dev.wxpay.codegen.naming.JavaText;
import dev.wxpay.codegen.naming.ShortNames;
import io.swagger.v3.oas.models.OpenAPI;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups operations into API classes, one per tag ({@code PartnerUserSignPlans} gives
 * {@code PartnerUserSignPlansApi}), with their imports and Javadoc; file downloads go to the class's own list, printed
 * as streaming methods. Stateless and thread-safe.
 */
final class ApiClassBuilder {
    private final OpenAPI openAPI;
    private final BuildContext context;

    ApiClassBuilder(OpenAPI openAPI, BuildContext context) {
        this.openAPI = openAPI;
        this.context = context;
    }

    List<ApiClassModel> build(List<OperationModel> operations, ValidationModel validation) {
        Map<String, List<OperationModel>> byClass = new TreeMap<>();
        Map<String, String> tagByClass = new TreeMap<>();
        for (OperationModel op : operations) {
            String className = apiClassName(op, ShortNames.maxSimpleName(context.apiPackage()));
            byClass.computeIfAbsent(className, k -> new ArrayList<>()).add(op);
            tagByClass.putIfAbsent(className, op.tag());
        }
        List<ApiClassModel> apis = new ArrayList<>();
        for (Map.Entry<String, List<OperationModel>> entry : byClass.entrySet()) {
            List<OperationModel> ops = entry.getValue();
            ops.sort(Comparator.comparing(OperationModel::methodName));
            Set<String> imports = new TreeSet<>(List.of("dev.wxpay.runtime.ApiRequest", "dev.wxpay.runtime.ApiResponse",
                    "dev.wxpay.runtime.RequestValidationException", "dev.wxpay.runtime.WechatPayClient",
                    "java.util.ArrayList", "java.util.List", "java.util.Objects",
                    "java.util.concurrent.CompletableFuture"));
            List<OperationModel> calls = new ArrayList<>();
            List<OperationModel> downloads = new ArrayList<>();
            for (OperationModel op : ops) {
                for (ParameterModel p : op.parameters()) {
                    imports.addAll(JavaTypes.importsOf(p.javaType(), context.modelPackage()));
                }
                if (op.download()) {
                    imports.addAll(List.of("dev.wxpay.runtime.Download", "java.io.OutputStream", "java.nio.file.Path"));
                    downloads.add(op);
                } else {
                    imports.addAll(JavaTypes.importsOf(op.responseType(), context.modelPackage()));
                    calls.add(op);
                }
            }
            String tag = tagByClass.get(entry.getKey());
            List<String> javadoc = new ArrayList<>();
            String tagDescription = tagDescription(tag);
            javadoc.add(" The operations tagged <code>" + JavaText.javadocInline(tag.isEmpty() ? "(none)" : tag)
                    + "</code>" + (tagDescription == null ? "." : ": " + JavaText.javadocInline(tagDescription)));
            apis.add(new ApiClassModel(tag, context.apiPackage(), entry.getKey(), List.copyOf(imports), javadoc,
                    validation.className(), calls, downloads));
        }
        return apis;
    }

    /**
     * {@code PartnerUserSignPlans} gives {@code PartnerUserSignPlansApi}; a tag without ASCII words uses the path.
     * At most {@code max} characters ({@link ShortNames}).
     */
    static String apiClassName(OperationModel op, int max) {
        String fromTag = JavaNames.pascal(op.tag());
        if (!fromTag.isEmpty() && Character.isLetter(fromTag.charAt(0))) {
            return ShortNames.shorten(fromTag, max - "Api".length()) + "Api";
        }
        for (String segment : op.path().split("/")) {
            if (segment.isEmpty() || segment.contains("{") || segment.matches("v\\d+")) {
                continue;
            }
            String pascal = JavaNames.pascal(segment);
            if (!pascal.isEmpty() && Character.isLetter(pascal.charAt(0))) {
                return ShortNames.shorten(pascal, max - "Api".length()) + "Api";
            }
        }
        return "DefaultApi";
    }

    private String tagDescription(String tag) {
        if (openAPI.getTags() == null) {
            return null;
        }
        return openAPI.getTags().stream().filter(t -> tag.equals(t.getName())).map(t -> t.getDescription())
                .filter(d -> d != null && !d.isBlank()).findFirst().map(String::strip).orElse(null);
    }
}
