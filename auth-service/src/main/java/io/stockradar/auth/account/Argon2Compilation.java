package io.stockradar.auth.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Makes HotSpot's optimising compiler (C2) compile Bouncy Castle's Argon2 the same, fast way in every JVM.
 *
 * <p>Nearly all of a hash's time is in {@code Argon2BytesGenerator$FillBlock.applyBlake}, which calls
 * {@code roundFunction} 16 times per 1 KiB block, which calls {@code G} 8 times. Which of them C2 compiles first
 * is a race between its queue and the first hashes, and it decides the shape of the machine code:
 * <ul>
 *   <li>{@code applyBlake} first: it is compiled on its own with {@code roundFunction} and {@code G} inlined;
 *   <li>{@code roundFunction} first: {@code applyBlake} is inlined into its callers but calls the already
 *       compiled {@code roundFunction} 16 times per block ("already compiled into a big method").
 * </ul>
 * A JVM keeps whichever it got, and C2 can build other, slower shapes still. Fresh JVMs hashing side by side in
 * pairs on this project's 2-core machine ({@code bench/auth/argon2-shapes.sh}, m = 19 MiB, t = 2): pinned 28.7-30.2
 * ms per hash; left to chance 1.12-1.14 times that, and once 2.2 times. The directives in
 * {@value #DIRECTIVES} (JEP 165 compiler control) make C2 always build the first: {@code applyBlake} with both
 * inlined, never itself inlined into its callers. Nothing else changes: same algorithm, same bytes.
 *
 * <p>They are added at run time through the JVM's diagnostic command MBean ({@code jcmd <pid>
 * Compiler.directives_add}), before the first hash, so no JVM flag is needed wherever the service runs. On a JVM
 * without that command (not HotSpot) this logs once and hashing works as before, only without the guarantee.
 */
final class Argon2Compilation {

    /** Class-path resource with the compiler directives; bench/auth applies the same file to its baseline. */
    static final String DIRECTIVES = "passwords/argon2-compiler-directives.json";

    private static final Logger log = LoggerFactory.getLogger(Argon2Compilation.class);
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private static boolean added;

    private Argon2Compilation() {
    }

    /** Adds the directives to this JVM's compiler, once per JVM; whether they are in place. */
    static synchronized boolean pin() {
        if (!added) {
            added = add();
        }
        return added;
    }

    private static boolean add() {
        Path file = null;
        try (InputStream directives = Argon2Compilation.class.getClassLoader().getResourceAsStream(DIRECTIVES)) {
            if (directives == null) {
                throw new IOException(DIRECTIVES + " is not on the class path");
            }
            // The command reads a file: the resource may be inside a jar.
            file = Files.createTempFile("argon2-compiler-directives", ".json");
            Files.copy(directives, file, StandardCopyOption.REPLACE_EXISTING);
            String result = diagnosticCommand("compilerDirectivesAdd", file.toString());
            if (!result.contains("added")) {
                throw new IllegalStateException(result.strip());
            }
            log.debug("Argon2 compiler directives: {}", result.strip());
            return true;
        } catch (IOException | JMException | RuntimeException e) {
            log.info("Argon2 compiler directives not applied ({}); password hashing may need more CPU",
                    e.toString());
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file of a few hundred bytes
                }
            }
        }
    }

    /** Runs a diagnostic command (the MBean operation name of a jcmd command) and returns its output. */
    static String diagnosticCommand(String operation, String... arguments) throws JMException {
        Object output = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND),
                operation, new Object[] {arguments}, new String[] {String[].class.getName()});
        return String.valueOf(output);
    }
}
