package io.stockradar.auth.account;

import io.stockradar.common.problem.ApiProblem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * One page of accounts and the opaque cursor of the next (null on the last page). The cursor is the
 * (created_at, id) of the page's last account, base64url: keyset pagination, stable under inserts.
 */
public record AccountPage(List<Account> items, String nextCursor) {

    public AccountPage {
        items = List.copyOf(items);
    }

    record Position(Instant createdAt, UUID id) {

        String encode() {
            String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
        }

        static Position decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                String[] parts = raw.split("\\.", 3);
                return new Position(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                        UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw ApiProblem.badRequest("cursor", "is not a cursor this service issued");
            }
        }
    }
}
