package io.stockradar.auth.apikey;

/** @param key the API key a client presented to the gateway */
record ApiKeyExchangeRequest(String key) {

    @Override
    public String toString() {
        return "ApiKeyExchangeRequest[key=<secret>]";
    }
}
