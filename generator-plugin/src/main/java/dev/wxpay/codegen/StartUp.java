package dev.wxpay.codegen;

import dev.wxpay.codegen.openapi.WxpayCodegen;
import dev.wxpay.codegen.render.Renderer;
import dev.wxpay.codegen.render.TemplateSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The part of a generation run that does not depend on the spec: a fresh {@link WxpayCodegen} (OpenAPI
 * Generator's class loading and static set-up) and a {@link Renderer} with its templates compiled (Mustache.java's
 * class loading and parsing). It runs on a thread of its own from the moment a run knows it will generate, so on
 * a second core it overlaps Swagger Parser's read; {@link #codegen()} and {@link #renderer()} wait for it. The
 * output cannot depend on it: the same objects are built as on one thread, only earlier. One instance per run;
 * thread-safe.
 */
final class StartUp {
    private final CompletableFuture<WxpayCodegen> codegen = new CompletableFuture<>();
    private final CompletableFuture<Renderer> renderer = new CompletableFuture<>();

    private StartUp() {
    }

    /** Starts building both on a new daemon thread that sees the caller's context class loader. */
    static StartUp begin(TemplateSource templates) {
        StartUp startUp = new StartUp();
        Thread thread = new Thread(() -> startUp.build(templates), "wxpay-codegen-start-up");
        thread.setDaemon(true);
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.start();
        return startUp;
    }

    private void build(TemplateSource templates) {
        // Errors included (a missing class, say): they surface on the generating thread, where they belong.
        try {
            codegen.complete(new WxpayCodegen());
        } catch (Throwable e) {
            codegen.completeExceptionally(e);
        }
        try {
            renderer.complete(new Renderer(templates).precompiled());
        } catch (Throwable e) {
            renderer.completeExceptionally(e);
        }
    }

    /** The codegen configuration, once built; rethrows what building it threw. */
    WxpayCodegen codegen() {
        return join(codegen);
    }

    /** The renderer, once its templates are compiled; rethrows what building it threw. */
    Renderer renderer() {
        return join(renderer);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
