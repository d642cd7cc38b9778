package io.stockradar.gateway.error;

import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeErrorsIntegrationTests extends GatewayIntegrationTest {

    private static final int ONE_MB = 1024 * 1024;

    @Test
    void bodyOverOneMegabyteIs413ProblemAndNeverForwarded() {
        client.post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(jsonOf(ONE_MB + 1))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://stockradar.io/problems/payload-too-large")
                .jsonPath("$.status").isEqualTo(413)
                .jsonPath("$.code").isEqualTo("PAYLOAD_TOO_LARGE");

        assertThat(AUTH.requests()).isEmpty();
    }

    @Test
    void bodyOfExactlyOneMegabyteIsForwarded() {
        client.post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(jsonOf(ONE_MB))
                .exchange()
                .expectStatus().isOk();

        assertThat(AUTH.requests()).singleElement().satisfies(r -> assertThat(r.getBodySize()).isEqualTo(ONE_MB));
    }

    @Test
    void streamedBodyOverTheLimitWithoutContentLengthIs413Problem() {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        Flux<DataBuffer> chunks = Flux.range(0, 20).map(i -> buffers.wrap(filled(64 * 1024)));

        client.post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("PAYLOAD_TOO_LARGE");
    }

    private static byte[] jsonOf(int size) {
        byte[] body = filled(size);
        body[0] = '"';
        body[size - 1] = '"';
        return body;
    }

    private static byte[] filled(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        return body;
    }
}
