package io.stockradar.auth.account;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class Argon2CompilationTest {

    private static final String GENERATOR = "org/bouncycastle/crypto/generators/Argon2BytesGenerator";

    @Test
    void creatingAHasherPutsTheDirectivesIntoThisJvmsCompiler() throws Exception {
        new Argon2id(16, 32, 1, 19_456, 2);

        String stack = Argon2Compilation.diagnosticCommand("compilerDirectivesPrint");
        assertThat(stack)
                .contains("matching: " + GENERATOR + "$FillBlock.applyBlake")
                .contains("+" + GENERATOR + ".roundFunction", "+" + GENERATOR + ".G")
                .contains("-" + GENERATOR + "$FillBlock.applyBlake");
        assertThat(Argon2Compilation.pin()).as("added once per JVM, not on every call").isTrue();
        assertThat(Argon2Compilation.diagnosticCommand("compilerDirectivesPrint")).isEqualTo(stack);
    }

    /** The directives name Bouncy Castle's private methods: an upgrade that renames them must be noticed here. */
    @Test
    void theMethodsTheDirectivesNameExistInTheBouncyCastleOnTheClassPath() throws Exception {
        Class<?> fillBlock = Class.forName(Argon2BytesGenerator.class.getName() + "$FillBlock");

        assertThat(methodNames(Argon2BytesGenerator.class)).contains("roundFunction", "G");
        assertThat(methodNames(fillBlock)).contains("applyBlake");
        // applyBlake reaches the outer class's private roundFunction through a synthetic accessor (Java 8 byte
        // code); the directives inline every access$ method, whatever its number.
        assertThat(methodNames(Argon2BytesGenerator.class)).anyMatch(name -> name.startsWith("access$"));
    }

    private static Set<String> methodNames(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).map(Method::getName).collect(Collectors.toSet());
    }
}
