package io.stockradar.e2e;

import io.stockradar.localstack.LocalStack;

import java.nio.file.Path;

/**
 * One running stack per test JVM, started by the first test class that needs it and stopped when the
 * JVM exits, so every end-to-end class pays the start-up once.
 */
final class SharedStack {

    private static LocalStack stack;
    private static RuntimeException failure;

    private SharedStack() {
    }

    static synchronized LocalStack get() {
        if (failure != null) {
            throw new IllegalStateException("The stack did not start for an earlier test class", failure);
        }
        if (stack == null) {
            Path root = Path.of(System.getProperty("stockradar.root", "..")).toAbsolutePath().normalize();
            try {
                stack = LocalStack.start(LocalStack.Options.forTests(root));
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-e2e-stack"));
        }
        return stack;
    }
}
