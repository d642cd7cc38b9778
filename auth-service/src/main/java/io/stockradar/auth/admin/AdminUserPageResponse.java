package io.stockradar.auth.admin;

import java.util.List;

/** A page of accounts; pass {@code nextCursor} as {@code cursor} for the next (null on the last page). */
record AdminUserPageResponse(List<AdminUserResponse> items, String nextCursor) {
}
