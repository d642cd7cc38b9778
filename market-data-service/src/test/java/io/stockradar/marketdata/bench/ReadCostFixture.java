package io.stockradar.marketdata.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.testsupport.EmbeddedRedisServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * What {@code bench/market-data/read-cost.sh} runs the service jars against: test-support's embedded Redis and a
 * local JWKS server (the JDK's HttpServer: the script runs this class on the jar's libraries, without Maven's test
 * classpath) publishing a fresh RSA key, plus one user access token signed with it (valid 2 h), as
 * auth-service would issue it. Writes {@code REDIS_PORT}, {@code JWKS_URI}, {@code ISSUER} and {@code TOKEN} as
 * shell assignments to the file given as the only argument, then serves until it is stopped (SIGTERM: the embedded
 * Redis stops with it).
 */
public final class ReadCostFixture {

    static final String ISSUER = "http://bench.issuer";

    private ReadCostFixture() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        RSAKey key = new RSAKeyGenerator(2048).keyID("read-cost").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        String jwksUri = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json";

        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(StockRadarJwt.AUDIENCE))
                .subject(UUID.randomUUID().toString()).claim(StockRadarJwt.CLAIM_ROLES, List.of("USER"))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(7_200))).build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        token.sign(new RSASSASigner(key));

        String env = "REDIS_PORT=" + redis.port() + "\n"
                + "JWKS_URI=" + jwksUri + "\n"
                + "ISSUER=" + ISSUER + "\n"
                + "TOKEN=" + token.serialize() + "\n";
        Path out = Path.of(args[0]);
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        Files.writeString(partial, env, StandardCharsets.UTF_8);
        Files.move(partial, out);
        System.out.println("fixture ready: Redis " + redis.port() + ", JWKS " + jwksUri);
        Thread.currentThread().join();
    }
}
