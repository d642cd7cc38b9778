package io.stockradar.e2e.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The benchmark's stricter ratio never flatters: it only ever scales the ceiling up to the faster hash. Its summary of
 * auth-service's compiled Argon2 keeps the code in use and leaves out what the JVM has discarded.
 */
class LoginBenchmarkTests {

    @Test
    void aBaselineSlowerThanTheServicesOwnHashersIsScaledUpToThem() {
        // baseline threads 34.8 ms per hash, auth-service's hashers 29.0 ms: the ceiling was 20 % too low
        assertThat(LoginBenchmark.strictRatio(1.00, 34.8, 29.0)).isCloseTo(0.833, within(0.001));
    }

    @Test
    void aBaselineFasterThanTheServiceIsAlreadyTheCeiling() {
        assertThat(LoginBenchmark.strictRatio(0.86, 30.0, 31.5)).isEqualTo(0.86);
    }

    @Test
    void missingCpuFiguresLeaveTheRatioAsMeasured() {
        assertThat(LoginBenchmark.strictRatio(0.9, 0, 29.0)).isEqualTo(0.9);
        assertThat(LoginBenchmark.strictRatio(0.9, 34.0, 0)).isEqualTo(0.9);
    }

    @Test
    void summarisesTheArgon2CodeInUseByMethodAndTier() {
        // lines of a real Compiler.codelist (JDK 25); state 1 = not entrant, no longer run
        String codelist = """
                2801 4 0 org.bouncycastle.crypto.generators.Argon2BytesGenerator$FillBlock.applyBlake()V [0x00007fd22ff61d88, 0x00007fd22ff61e80 - 0x00007fd22ff62c08]
                2790 3 0 org.bouncycastle.crypto.generators.Argon2BytesGenerator$FillBlock.applyBlake()V [0x00007fd228722788, 0x00007fd228722880 - 0x00007fd228722dd0]
                2874 4 1 org.bouncycastle.crypto.generators.Argon2BytesGenerator.fillSegment(Lorg/bouncycastle/crypto/generators/Argon2BytesGenerator$FillBlock;Lorg/bouncycastle/crypto/generators/Argon2BytesGenerator$Position;)V [0x00007fd22ff6e288, 0x00007fd22ff6e380 - 0x00007fd22ff6f6a0]
                2888 4 0 org.bouncycastle.crypto.generators.Argon2BytesGenerator.fillSegment(Lorg/bouncycastle/crypto/generators/Argon2BytesGenerator$FillBlock;Lorg/bouncycastle/crypto/generators/Argon2BytesGenerator$Position;)V [0x00007fd22ff71b08, 0x00007fd22ff71c00 - 0x00007fd22ff72f40]
                2774 1 0 org.bouncycastle.crypto.params.Argon2Parameters.getLanes()I [0x00007fd22ff5eb08, 0x00007fd22ff5ec00 - 0x00007fd22ff5ecc0]
                2901 4 0 org.bouncycastle.crypto.params.Argon2Parameters.<init>(I[B[B[BIIIILorg/bouncycastle/crypto/CharToByteConverter;Lorg/bouncycastle/crypto/generators/Argon2BytesGenerator$BlockPool;)V [0x00007fd22ff5eb08, 0x00007fd22ff5ec00 - 0x00007fd22ff5ecc0]
                2900 4 0 java.lang.String.hashCode()I [0x00007fd22ff5eb08, 0x00007fd22ff5ec00 - 0x00007fd22ff5ecc0]
                """;

        assertThat(LoginBenchmark.argon2Code(codelist.lines()))
                .isEqualTo("$FillBlock.applyBlake()V 3:1360 4:3464, .fillSegment(FillBlock;Position;)V 4:4928");
    }
}
