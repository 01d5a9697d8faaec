package dev.wxpay.codegen;

import dev.wxpay.codegen.model.OperationModel;
import dev.wxpay.codegen.model.ParameterModel;
import dev.wxpay.codegen.naming.JavaText;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;

import java.util.ArrayList;
import java.util.List;

import static dev.wxpay.codegen.OperationParts.describe;
import static dev.wxpay.codegen.OperationParts.paramName;

/**
 * The parameters of a media upload: the {@code meta} part (any JSON-serialisable object: a model, a Map, or a
 * JSON String; the spec's Swagger 2 form parameter gives meta no schema the converter keeps), other plain fields,
 * then the one file part as file name, content type and bytes. The runtime signs the meta JSON only.
 * Stateless; one instance per run; not thread-safe (it shares the run's {@link JavaTypes}).
 */
final class MultipartParameters {
    private final JavaTypes types;

    MultipartParameters(JavaTypes types) {
        this.types = types;
    }

    void add(CodegenOperation op, String pointer, OperationParts parts) {
        CodegenParameter meta = null;
        CodegenParameter file = null;
        List<CodegenParameter> fields = new ArrayList<>();
        for (CodegenParameter p : op.formParams) {
            if (p.isFile || p.isBinary) {
                if (file != null) {
                    throw new UnsupportedConstruct(pointer + "/requestBody: a multipart upload with more than one"
                            + " file part (" + file.baseName + ", " + p.baseName + ") is not supported");
                }
                file = p;
            } else if ("meta".equals(p.baseName)) {
                meta = p;
            } else {
                fields.add(p);
            }
        }
        if (meta == null || file == null) {
            throw new UnsupportedConstruct(pointer + "/requestBody: a multipart upload needs a meta part and one"
                    + " file part (WeChat Pay signs the meta JSON); declare both as form parameters");
        }
        String metaName = parts.names.newName("meta", "form:meta");
        parts.parameters.add(new ParameterModel("form", "meta", metaName, "Object", true,
                describe(meta.description, "the meta part") + " (required; a model, a Map or a JSON String,"
                        + " serialised as the signed {@code meta} JSON part)"));
        parts.nullChecks.add(new OperationModel.NullCheck(metaName, "form part meta is required"));
        List<String> fieldCalls = new ArrayList<>();
        for (CodegenParameter p : fields) {
            String javaType = types.typeOf(p.dataType, pointer + "/requestBody/" + p.baseName);
            String javaName = parts.names.newName(paramName(p.baseName), "form:" + p.baseName);
            parts.parameters.add(new ParameterModel("form", p.baseName, javaName, javaType, p.required,
                    describe(p.description, "the {@code " + p.baseName + "} form field")
                            + (p.required ? " (required)" : " (optional, null to omit)")));
            if (p.required) {
                parts.nullChecks.add(new OperationModel.NullCheck(javaName,
                        "form field " + JavaText.stringContent(p.baseName) + " is required"));
            }
            fieldCalls.add(".formField(\"" + JavaText.stringContent(p.baseName) + "\", " + javaName + ")");
        }
        String base = paramName(file.baseName);
        String fileName = parts.names.newName(base + "Name", "form:" + file.baseName + ":name");
        String contentType = parts.names.newName(base + "ContentType", "form:" + file.baseName + ":type");
        String bytes = parts.names.newName(base, "form:" + file.baseName);
        String wire = JavaText.stringContent(file.baseName);
        parts.parameters.add(new ParameterModel("form", file.baseName, fileName, "String", true,
                "the file name sent in the {@code " + file.baseName + "} part (required)"));
        parts.parameters.add(new ParameterModel("form", file.baseName, contentType, "String", true,
                "the media type of the {@code " + file.baseName + "} part, for example {@code image/png} (required)"));
        parts.parameters.add(new ParameterModel("form", file.baseName, bytes, "byte[]", true,
                describe(file.description, "the file") + " (required)"));
        parts.nullChecks.add(new OperationModel.NullCheck(fileName, "file name of form part " + wire + " is required"));
        parts.nullChecks.add(new OperationModel.NullCheck(contentType,
                "content type of form part " + wire + " is required"));
        parts.nullChecks.add(new OperationModel.NullCheck(bytes, "form part " + wire + " is required"));
        parts.builderCalls.add(".multipart(" + metaName + ", \"" + wire + "\", " + fileName + ", " + contentType
                + ", " + bytes + ")");
        parts.builderCalls.addAll(fieldCalls);
    }
}
