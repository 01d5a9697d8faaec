package dev.wxpay.spec.convert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders {@code REPAIRS.md}: every repair, every operation taken from a curated file, every sensitive field. Stateless. */
final class RepairsReport {
    private static final Map<String, String> TITLES = new LinkedHashMap<>();

    static {
        TITLES.put("path-parameter-declared", "Path parameters declared (the corpus forgot them)");
        TITLES.put("path-parameter-removed", "Path parameters removed (not in the path template)");
        TITLES.put("invalid-type", "Invalid `type` values repaired");
        TITLES.put("array-without-items", "Arrays without `items` given an item type");
        TITLES.put("null-properties", "`properties:` without a value removed");
        TITLES.put("component-renamed", "Converted components renamed (a curated file defines the name)");
        TITLES.put("tag-folded", "Singular `tag` folded into `tags`");
        TITLES.put("response-description", "Responses given the description OpenAPI requires");
        TITLES.put("int64-format", "Integers given `format: int64` (their example does not fit in 32 bits)");
        TITLES.put("no-content-schema", "Schemas removed from 204 No Content answers");
        TITLES.put("allof-redeclared", "Properties declared again beside their `allOf` `$ref`, removed");
        TITLES.put("file-answer", "Download answers marked as files (the corpus gives them no body)");
        TITLES.put("allof-string-enum", "`allOf` of a string enum and more values made one string enum");
        TITLES.put("swagger2-ref", "Swagger 2.0 `$ref`s the v2 converter left behind rewritten to"
                + " `#/components/` (pointer into the converted document)");
    }

    private RepairsReport() {
    }

    static String render(SpecConverter.ConvertedSpec spec) {
        Map<String, List<Repair>> byKind = new TreeMap<>();
        for (Repair r : spec.repairs()) {
            if (!TITLES.containsKey(r.kind())) {
                throw new IllegalStateException("Repair kind without a report section: " + r.kind());
            }
            byKind.computeIfAbsent(r.kind(), k -> new java.util.ArrayList<>()).add(r);
        }
        StringBuilder out = new StringBuilder(SpecFiles.GENERATED_MARK).append(": do not edit; regenerate with `")
                .append(SpecFiles.COMMAND).append("`.\n\n# Repairs made to the corpus\n\n")
                .append("Every change the converter made to the Swagger 2.0 corpus so that each product is a valid\n")
                .append("OpenAPI 3.0.3 document, by operation (`METHOD /path`) and JSON pointer into the corpus; then the\n")
                .append("operations taken from curated files and the fields marked `x-wxpay-sensitive: true`.\n")
                .append("The rules are described in spec/README.md.\n\n| repair | count |\n|---|---|\n");
        TITLES.forEach((kind, title) -> out.append("| ").append(title).append(" | ")
                .append(byKind.getOrDefault(kind, List.of()).size()).append(" |\n"));
        out.append("| Operations taken from curated files | ").append(spec.curated().size()).append(" |\n");
        out.append("| String fields marked `x-wxpay-sensitive: true` | ").append(spec.sensitive().size()).append(" |\n");
        TITLES.forEach((kind, title) -> {
            List<Repair> repairs = byKind.getOrDefault(kind, List.of());
            if (!repairs.isEmpty()) {
                section(out, title, repairs);
            }
        });
        if (!spec.curated().isEmpty()) {
            section(out, "Operations taken from curated files", spec.curated());
        }
        if (!spec.sensitive().isEmpty()) {
            section(out, "String fields marked `x-wxpay-sensitive: true` (pointer below the operation)", spec.sensitive());
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<Repair> repairs) {
        out.append("\n## ").append(title).append(" (").append(repairs.size()).append(")\n\n");
        for (Repair r : repairs) {
            out.append("- ");
            if (!r.method().isEmpty()) {
                out.append('`').append(r.method()).append(' ').append(r.path()).append("` ");
            }
            if (!r.pointer().isEmpty()) {
                out.append('`').append(r.pointer()).append("` ");
            }
            out.append(r.detail()).append('\n');
        }
    }
}
