package io.stockradar.auth.apikey;

/**
 * @param name  a label of the owner's choosing (1 to 64 characters)
 * @param scope {@code read} (GET and HEAD only) or {@code full}
 */
record CreateApiKeyRequest(String name, String scope) {
}
