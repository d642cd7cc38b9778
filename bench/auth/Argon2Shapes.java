import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One fresh JVM hashing on one thread: Argon2id with auth-service's parameters (m = 19 MiB, t = 2, p = 1) and
 * memory reuse, CPU time per hash in 5 s slices. With a directives file as second argument it first adds
 * auth-service's compiler directives (as {@code Argon2Compilation} does); without, C2 picks the shape of the
 * hashing loop by the luck of its queue. Started in pairs by argon2-shapes.sh.
 * <pre>java -cp bcprov.jar bench/auth/Argon2Shapes.java SECONDS [DIRECTIVES_FILE]</pre>
 */
public class Argon2Shapes {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        if (args.length > 1) {
            Object added = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {args[1]}}, new String[] {String[].class.getName()});
            if (!String.valueOf(added).contains("added")) {
                throw new IllegalStateException(String.valueOf(added));
            }
        }
        byte[] salt = "stock-radar-salt".getBytes(StandardCharsets.UTF_8);
        byte[] password = "benchmark passphrase 2026".getBytes(StandardCharsets.UTF_8);
        Argon2BytesGenerator.BlockPool memory = new Argon2BytesGenerator.FixedBlockPool(19_456);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> slices = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long cpu = threads.getCurrentThreadCpuTime();
            long sliceEnd = System.nanoTime() + 5_000_000_000L;
            int hashes = 0;
            while (System.nanoTime() < sliceEnd) {
                Argon2BytesGenerator generator = new Argon2BytesGenerator();
                generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(19_456).withIterations(2)
                        .withParallelism(1).withSalt(salt).withBlockPool(memory).build());
                generator.generateBytes(password, new byte[32]);
                hashes++;
            }
            slices.add(String.format("%.1f", (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / hashes));
        }
        // the first slice includes compilation
        System.out.println(String.join(" ", slices.subList(1, slices.size())));
    }
}
