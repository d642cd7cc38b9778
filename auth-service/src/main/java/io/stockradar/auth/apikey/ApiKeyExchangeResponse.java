package io.stockradar.auth.apikey;

/**
 * @param accessToken an RS256 access token for the key's owner, with {@code scope} and {@code auth_method=api_key}
 * @param expiresIn   seconds until it expires
 * @param scope       the key's scope, {@code read} or {@code full} (also in the token)
 */
record ApiKeyExchangeResponse(String accessToken, String tokenType, long expiresIn, String scope) {

    @Override
    public String toString() {
        return "ApiKeyExchangeResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
