package io.stockradar.auth.apikey;

/**
 * @param name            a label of the owner's choosing (1 to 64 characters)
 * @param scope           {@code read} (GET and HEAD only) or {@code full}
 * @param currentPassword the owner's password: creating a key re-authenticates, so a stolen access token alone
 *                        cannot mint a long-lived credential
 * @param expiresInDays   the key's lifetime in days, 1 to {@code max-ttl}; {@code default-ttl} when absent
 */
record CreateApiKeyRequest(String name, String scope, String currentPassword, Integer expiresInDays) {

    @Override
    public String toString() {
        return "CreateApiKeyRequest[name=" + name + ", scope=" + scope + ", currentPassword=<redacted>, expiresInDays="
                + expiresInDays + "]";
    }
}
