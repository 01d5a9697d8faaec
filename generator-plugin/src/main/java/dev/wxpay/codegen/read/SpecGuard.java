package dev.wxpay.codegen.read;

import dev.wxpay.codegen.GenerationException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a spec's raw text before Swagger Parser sees it, so that hostile or broken input fails the build with a
 * located message instead of a {@link StackOverflowError}, an {@link OutOfMemoryError}, a hang, or a network
 * fetch: size, UTF-8, one YAML mapping per file, nesting depth, duplicate keys, the OpenAPI version, and
 * {@code $ref}s (only {@code #/…} pointers and relative files in the spec's folder or below; never a URL or a file
 * elsewhere). The walk is SnakeYAML's event stream, which is not recursive, so depth costs no stack.
 * Stateless and thread-safe.
 */
public final class SpecGuard {
    /** The largest spec file read: three times the whole WeChat Pay API (about 5 MB) in one file. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;
    /**
     * The deepest nesting of mappings and sequences accepted. Real WeChat Pay specs nest about 20 levels; the
     * generator and OpenAPI Generator walk schemas recursively, so the depth must stay far below a thread's stack.
     */
    public static final int MAX_DEPTH = 100;
    /** YAML aliases accepted in one file: each may expand to a whole subtree (the "billion laughs" attack). */
    public static final int MAX_ALIASES = 1000;

    private SpecGuard() {
    }

    /** Reads a spec file as strict UTF-8, refusing files over {@link #MAX_BYTES} before reading them. */
    public static String readFile(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw tooLarge(file.toString(), size);
        }
        return decode(file.toString(), Files.readAllBytes(file));
    }

    /** Decodes bytes read from {@code where} (already bounded by the caller) as strict UTF-8. */
    public static String decode(String where, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(where, bytes.length);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new GenerationException("Cannot read the spec " + where + ": it is not UTF-8", List.of(where + ":"
                    + line + ":" + (bad - lineStart + 1) + ": invalid UTF-8 byte 0x"
                    + String.format(Locale.ROOT, "%02X", bytes[bad] & 0xFF) + " (byte offset " + bad
                    + "); save the file as UTF-8"));
        }
    }

    private static GenerationException tooLarge(String where, long size) {
        return new GenerationException("Cannot read the spec " + where + ": it is too large", List.of(where + ": "
                + size + " bytes, more than the " + MAX_BYTES + " bytes (16 MiB) this plugin reads; the whole WeChat"
                + " Pay API is about 5 MB: split the spec by product"));
    }

    /** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : Math.max(0, bytes.length - 1);
    }

    /**
     * Checks the text of {@code source} (and of every file it {@code $ref}s).
     *
     * @throws GenerationException naming the file, line and column of each problem
     */
    public static void check(SpecSource source, String text) {
        List<String> problems = new ArrayList<>();
        Path folder = source.isResource() ? null : Path.of(source.location()).toAbsolutePath().getParent();
        Deque<Path> pending = new ArrayDeque<>();
        Set<Path> seen = new HashSet<>();
        walk(source.toString(), text, true, folder, folder, pending, problems);
        while (!pending.isEmpty() && problems.isEmpty()) {
            Path file = pending.removeFirst();
            if (!seen.add(file)) {
                continue;
            }
            try {
                walk(file.toString(), readFile(file), false, folder, file.getParent(), pending, problems);
            } catch (IOException e) {
                problems.add(file + ": cannot read this $ref'd file: " + e.getMessage());
            } catch (GenerationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new GenerationException("Cannot read the spec " + source + ": fix the problems below", problems);
        }
    }

    /** One file's event walk; queues the relative files it refers to. */
    private static void walk(String where, String text, boolean root, Path allowed, Path base, Deque<Path> pending,
            List<String> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE); // the size is bounded by MAX_BYTES already
        Deque<Frame> stack = new ArrayDeque<>();
        RefCycles cycles = new RefCycles();
        int documents = 0;
        int aliases = 0;
        try {
            for (Event event : new Yaml(options).parse(new StringReader(text))) {
                if (event instanceof DocumentStartEvent) {
                    if (++documents > 1) {
                        problems.add(at(where, event.getStartMark()) + "a second YAML document ('---'); a spec file"
                                + " holds exactly one");
                        return;
                    }
                    continue;
                }
                if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
                    stack.pop();
                    continue;
                }
                if (!(event instanceof CollectionStartEvent || event instanceof ScalarEvent
                        || event instanceof AliasEvent)) {
                    continue; // stream and document ends
                }
                if (event instanceof AliasEvent && ++aliases > MAX_ALIASES) {
                    problems.add(at(where, event.getStartMark()) + "more than " + MAX_ALIASES + " YAML aliases"
                            + " (*name); use $ref instead");
                    return;
                }
                Frame parent = stack.peek();
                String key = null;
                if (parent != null && parent.mapping) {
                    if (parent.expectKey) {
                        parent.expectKey = false;
                        parent.pendingKey = event instanceof ScalarEvent ? ((ScalarEvent) event).getValue() : null;
                        duplicateKey(where, event, parent, problems);
                        if (event instanceof CollectionStartEvent && push(where, event, stack, problems)) {
                            return;
                        }
                        continue;
                    }
                    parent.expectKey = true;
                    key = parent.pendingKey;
                }
                if (event instanceof CollectionStartEvent) {
                    if (stack.isEmpty() && root && !(event instanceof MappingStartEvent)) {
                        problems.add(at(where, event.getStartMark()) + "the document is a list, not a mapping; a spec"
                                + " starts with 'openapi: 3.0.x' (or 'swagger: \"2.0\"') and 'paths:'");
                        return;
                    }
                    if (push(where, event, stack, problems)) {
                        return;
                    }
                } else if (event instanceof ScalarEvent) {
                    String value = ((ScalarEvent) event).getValue();
                    if (stack.isEmpty() && root) {
                        problems.add(at(where, event.getStartMark()) + "the document is a single value, not a"
                                + " mapping; a spec starts with 'openapi: 3.0.x' (or 'swagger: \"2.0\"') and"
                                + " 'paths:'");
                        return;
                    }
                    if ("$ref".equals(key) && value.startsWith("#")) {
                        cycles.ref(names(stack), value, at(where, event.getStartMark()).replaceAll(": $", ""));
                    } else if ("$ref".equals(key)) {
                        checkRef(where, event.getStartMark(), value, allowed, base, pending, problems);
                    } else if (root && stack.size() == 1 && ("openapi".equals(key) || "swagger".equals(key))) {
                        checkVersion(where, event.getStartMark(), key, value, problems);
                    }
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(at(where, mark) + "YAML syntax error: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")") + "; fix the indentation or quoting"
                    + " there");
            return;
        } catch (YAMLException e) {
            problems.add(where + ": YAML error: " + e.getMessage());
            return;
        }
        problems.addAll(cycles.cycles());
        if (documents == 0 && root) {
            problems.add(where + ":1:1: the spec is empty; a spec starts with 'openapi: 3.0.x' and 'paths:'");
        }
    }

    /**
     * Opens a mapping or sequence; true when that makes the stack deeper than {@link #MAX_DEPTH} (reported once,
     * then the walk stops).
     */
    private static boolean push(String where, Event event, Deque<Frame> stack, List<String> problems) {
        Frame parent = stack.peek();
        String name = parent == null ? null : parent.mapping ? (parent.expectKey ? parent.pendingKey : null) : "[]";
        stack.push(new Frame(event instanceof MappingStartEvent, name));
        if (stack.size() <= MAX_DEPTH) {
            return false;
        }
        problems.add(at(where, event.getStartMark()) + "nested more than " + MAX_DEPTH + " levels deep; name the"
                + " inner schemas under components/schemas and $ref them");
        return true;
    }

    private static void duplicateKey(String where, Event event, Frame mapping, List<String> problems) {
        String name = mapping.pendingKey;
        if (name == null || "<<".equals(name)) {
            return; // a complex key, or a merge key (repeatable by design)
        }
        Integer first = mapping.keyLines.putIfAbsent(name, event.getStartMark().getLine() + 1);
        if (first != null) {
            problems.add(at(where, event.getStartMark()) + "duplicate key '" + name + "' (first on line " + first
                    + "); YAML keys must be unique, and a parser would silently keep only one of them");
        }
    }

    private static void checkVersion(String where, Mark mark, String key, String value, List<String> problems) {
        boolean known = "openapi".equals(key) ? value.matches("3\\.[01]\\.\\d+") : "2.0".equals(value);
        if (!known) {
            problems.add(at(where, mark) + key + " version '" + value + "' is not supported; this plugin reads"
                    + " OpenAPI 3.0.x and 3.1.x, and Swagger 2.0");
        }
    }

    /** Accepts {@code #/…} pointers and relative files inside {@code allowed}; refuses URLs and anything else. */
    private static void checkRef(String where, Mark mark, String ref, Path allowed, Path base, Deque<Path> pending,
            List<String> problems) {
        if (ref.startsWith("#")) {
            return;
        }
        String file = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
        if (file.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") || file.startsWith("//") || file.startsWith("\\\\")) {
            problems.add(at(where, mark) + "$ref '" + ref + "' is a URL; the build never fetches anything: copy the"
                    + " schema into the spec (or a file beside it) and $ref it there");
            return;
        }
        if (allowed == null) {
            problems.add(at(where, mark) + "$ref '" + ref + "' names a file, but this spec is read from the class"
                    + " path; use '#/components/…' references in a single file");
            return;
        }
        Path target;
        try {
            target = base.resolve(file).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            problems.add(at(where, mark) + "$ref '" + ref + "' is not a valid file name");
            return;
        }
        if (Path.of(file).isAbsolute() || !target.startsWith(allowed)) {
            problems.add(at(where, mark) + "$ref '" + ref + "' points outside the spec's folder " + allowed
                    + "; keep referenced files beside the spec or below it");
            return;
        }
        if (!Files.isRegularFile(target)) {
            problems.add(at(where, mark) + "$ref '" + ref + "': file " + target + " does not exist");
            return;
        }
        pending.add(target);
    }

    /** The keys leading to the innermost open mapping, outermost first (the root's null left out). */
    private static List<String> names(Deque<Frame> stack) {
        List<String> names = new ArrayList<>(stack.size());
        java.util.Iterator<Frame> outermostFirst = stack.descendingIterator();
        while (outermostFirst.hasNext()) {
            String name = outermostFirst.next().name;
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private static String at(String where, Mark mark) {
        return mark == null ? where + ": " : where + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }

    /** An open mapping or sequence of the event walk. */
    private static final class Frame {
        final boolean mapping;
        final Map<String, Integer> keyLines = new HashMap<>();
        /** The key this mapping or sequence is the value of ({@code []} for a list item; null for the root). */
        final String name;
        boolean expectKey = true;
        String pendingKey;

        Frame(boolean mapping, String name) {
            this.mapping = mapping;
            this.name = name;
        }
    }
}
