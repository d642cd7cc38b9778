package io.stockradar.marketdata.upstream;

import org.springframework.http.client.JdkClientHttpRequestFactory;

import java.net.http.HttpClient;
import java.time.Duration;

/** HTTP plumbing shared by the upstream clients: explicit timeouts, no automatic redirects. */
public final class UpstreamHttp {

    private UpstreamHttp() {
    }

    /**
     * A JDK-client request factory with a connect and a read timeout. Redirects are not followed: the
     * upstream APIs used here answer directly, and a redirect (e.g. to a consent page) is a failure to see.
     */
    public static JdkClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(readTimeout);
        return factory;
    }
}
