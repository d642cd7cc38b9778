package io.stockradar.auth.token;

/**
 * Tokens for a signed-in user.
 *
 * @param expiresIn seconds until {@code accessToken} expires
 */
record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    static final String BEARER = "Bearer";

    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
