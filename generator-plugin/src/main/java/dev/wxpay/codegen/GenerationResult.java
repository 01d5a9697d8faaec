package dev.wxpay.codegen;

import dev.wxpay.codegen.model.ClientModel;

import java.util.List;

/**
 * What a run did. Immutable and thread-safe.
 *
 * @param upToDate   true when nothing was generated because the inputs were unchanged
 * @param operations operations in the spec (0 when up to date)
 * @param generatedOperations operations generated
 * @param written    files whose content was (re)written
 * @param unchanged  files generated with the same content as before (left untouched)
 * @param deleted    stale files removed
 * @param skipped    operations or schemas left out in lenient mode, each with its reason
 * @param warnings   parser messages and other warnings
 */
public record GenerationResult(boolean upToDate, int operations, int generatedOperations, List<String> written,
                               List<String> unchanged, List<String> deleted, List<ClientModel.Skipped> skipped,
                               List<String> warnings) {
    public GenerationResult {
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /** The result of a run skipped because nothing changed. */
    static GenerationResult skippedUpToDate() {
        return new GenerationResult(true, 0, 0, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
