package io.stockradar.common.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.function.Predicate;

/**
 * Spring Security's {@link StrictHttpFirewall} with the same verdicts on header and parameter names and values,
 * reached without a regular expression for the usual case. The defaults match every header name and value read
 * through the firewalled request against {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (values: tab allowed too),
 * one character class intersection per character: for a ~700-character bearer token that was about a tenth of the
 * CPU of a cached read in market-data-service (bench/market-data/README.md, "read cost"). Printable ASCII
 * (U+0020-U+007E, and tab where the default allows it) is assigned and not a control character, so such a string is
 * accepted after a plain loop; any other string goes to Spring Security's own predicate, unchanged.
 * <p>
 * Declare it as a bean ({@code @Bean HttpFirewall}); Spring Security's {@code WebSecurity} picks it up.
 */
public final class HeaderCheckingFirewall {

    private HeaderCheckingFirewall() {
    }

    /** A {@link StrictHttpFirewall} with its default settings and the ASCII fast path described above. */
    public static StrictHttpFirewall strict() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(printableAsciiOr(false, StrictHttpFirewall.ALLOWED_HEADER_NAMES));
        firewall.setAllowedHeaderValues(printableAsciiOr(true, StrictHttpFirewall.ALLOWED_HEADER_VALUES));
        firewall.setAllowedParameterNames(printableAsciiOr(false, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES));
        return firewall;
    }

    /** True at once for printable ASCII (and tab when {@code tab}); otherwise what {@code fallback} says. */
    static Predicate<String> printableAsciiOr(boolean tab, Predicate<String> fallback) {
        return value -> isPrintableAscii(value, tab) || fallback.test(value);
    }

    static boolean isPrintableAscii(String value, boolean tab) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if ((c < 0x20 || c > 0x7e) && !(tab && c == '\t')) {
                return false;
            }
        }
        return true;
    }
}
