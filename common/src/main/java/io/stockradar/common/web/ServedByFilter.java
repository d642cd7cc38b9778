package io.stockradar.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Names the instance that served a response in {@value #HEADER}, so operators (and the end-to-end
 * test) can see load balancing at work. The value is {@code <application>:<instance>}, never a secret.
 */
public class ServedByFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Served-By";

    private final String instanceId;

    public ServedByFilter(String instanceId) {
        this.instanceId = instanceId;
    }

    /**
     * {@code <application>:<port>}, with {@code @<HOSTNAME>} appended where the environment names the host
     * (a container or pod), so replicas listening on the same port stay distinguishable.
     */
    public static ServedByFilter forInstance(String application, int port) {
        String host = System.getenv("HOSTNAME");
        return new ServedByFilter(application + ":" + port + (host == null || host.isBlank() ? "" : "@" + host));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, instanceId);
        chain.doFilter(request, response);
    }
}
