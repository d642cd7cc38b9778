package io.stockradar.auth.account;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>},
 * Base64 without padding), the format Spring Security's {@code Argon2PasswordEncoder} reads and writes:
 * hashes made by either verify with the other ({@code Argon2idTest}).
 *
 * <p>Why not that encoder: it lets Bouncy Castle allocate the 19 MiB of Argon2 memory afresh for every
 * hash, 19,456 blocks of 1 KiB, which the garbage collector then copies while they are live. In a service
 * heap of 512 MiB that cost a fifth of the hash throughput; with more hashing threads than cores, over half
 * (bench/auth/README.md, "Argon2 memory"). Here each hashing thread keeps one block pool of exactly one
 * hash's memory (Bouncy Castle's {@link Argon2BytesGenerator.FixedBlockPool}, which zeroes every block when
 * it is taken and when it is returned), so a hash allocates almost nothing. The algorithm itself is
 * Bouncy Castle's, unchanged; this class only chooses where its memory comes from and writes the string.
 * Call it from a small fixed set of threads (the pools live as long as their threads). Creating one also pins how
 * the JIT compiles Bouncy Castle's hashing loop ({@link Argon2Compilation}).
 */
final class Argon2id {

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private final int saltLength;
    private final int hashLength;
    private final int parallelism;
    private final int memoryKib;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Argon2BytesGenerator.BlockPool> pools;

    Argon2id(int saltLength, int hashLength, int parallelism, int memoryKib, int iterations) {
        this.saltLength = saltLength;
        this.hashLength = hashLength;
        this.parallelism = parallelism;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        Argon2Compilation.pin();
        // one block per KiB: a pool holds exactly one hash's memory at today's parameters
        this.pools = ThreadLocal.withInitial(() -> new Argon2BytesGenerator.FixedBlockPool(memoryKib));
    }

    String encode(String password) {
        byte[] salt = new byte[saltLength];
        random.nextBytes(salt);
        Argon2Parameters parameters = parameters(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13,
                memoryKib, iterations, parallelism, salt);
        byte[] hash = compute(password, parameters, hashLength);
        return "$argon2id$v=" + parameters.getVersion() + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
    }

    /** Whether {@code password} gives {@code encoded}'s hash under {@code encoded}'s own parameters; false if malformed. */
    boolean matches(String password, String encoded) {
        Decoded decoded = Decoded.parse(encoded);
        if (decoded == null) {
            return false;
        }
        byte[] actual = compute(password, parameters(decoded.type(), decoded.version(), decoded.memoryKib(),
                decoded.iterations(), decoded.parallelism(), decoded.salt()), decoded.hash().length);
        return MessageDigest.isEqual(decoded.hash(), actual);
    }

    /** Whether {@code encoded} was made with less memory or fewer passes than today's parameters (or cannot be read). */
    boolean upgradeEncoding(String encoded) {
        Decoded decoded = Decoded.parse(encoded);
        return decoded == null || decoded.memoryKib() < memoryKib || decoded.iterations() < iterations;
    }

    private byte[] compute(String password, Argon2Parameters parameters, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private Argon2Parameters parameters(int type, int version, int memory, int passes, int lanes, byte[] salt) {
        return new Argon2Parameters.Builder(type)
                .withVersion(version)
                .withMemoryAsKB(memory)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt)
                .withBlockPool(pools.get())
                .build();
    }

    /** A parsed PHC string. */
    private record Decoded(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt,
                           byte[] hash) {

        private static Decoded parse(String encoded) {
            if (encoded == null) {
                return null;
            }
            String[] parts = encoded.split("\\$");
            try {
                int part = 1;
                int type = switch (parts[part++]) {
                    case "argon2id" -> Argon2Parameters.ARGON2_id;
                    case "argon2i" -> Argon2Parameters.ARGON2_i;
                    case "argon2d" -> Argon2Parameters.ARGON2_d;
                    default -> throw new IllegalArgumentException("not an Argon2 hash");
                };
                int version = Argon2Parameters.ARGON2_VERSION_13;
                if (parts[part].startsWith("v=")) {
                    version = Integer.parseInt(parts[part++].substring(2));
                }
                String[] costs = parts[part++].split(",");
                if (costs.length != 3 || !costs[0].startsWith("m=") || !costs[1].startsWith("t=")
                        || !costs[2].startsWith("p=")) {
                    throw new IllegalArgumentException("expected m=,t=,p=");
                }
                byte[] salt = BASE64_DECODER.decode(parts[part++]);
                byte[] hash = BASE64_DECODER.decode(parts[part++]);
                if (part != parts.length || hash.length == 0) {
                    throw new IllegalArgumentException("expected salt and hash");
                }
                return new Decoded(type, version, Integer.parseInt(costs[0].substring(2)),
                        Integer.parseInt(costs[1].substring(2)), Integer.parseInt(costs[2].substring(2)), salt, hash);
            } catch (RuntimeException malformed) {
                return null;
            }
        }
    }
}
